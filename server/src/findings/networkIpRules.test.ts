import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody } from '../testing/networkChecks';

/*
 * Each rule of networkIpRules.ts with a failing and a passing network (the same pairs the oracle's
 * test/oracle/networkCases.ts gives a real libvirt; the messages are the ones libvirt 9.0.0 gave).
 * [rule, failing body, passing body, the errors the failing body gets: [code, message]]
 */
const rules: ReadonlyArray<readonly [string, string, string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'dhcp/two-ipv4',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip><ip address='192.168.211.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01' ip='192.168.211.5'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip><ip address='192.168.211.1' prefix='24'><dhcp/></ip>",
    [['multiple-dhcp', 'unsupported configuration: Multiple IPv4 dhcp sections found -- dhcp is supported only for a single IPv4 address on each network']],
  ],
  [
    'dhcp/two-ipv6',
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><range start='fd00:210::10' end='fd00:210::20'/></dhcp></ip><ip family='ipv6' address='fd00:211::1' prefix='64'><dhcp><range start='fd00:211::10' end='fd00:211::20'/></dhcp></ip>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip><ip family='ipv6' address='fd00:211::1' prefix='64'><dhcp><range start='fd00:211::10' end='fd00:211::20'/></dhcp></ip>",
    [['multiple-dhcp', 'unsupported configuration: Multiple IPv6 dhcp sections found -- dhcp is supported only for a single IPv6 address on each network']],
  ],
  [
    'ip/address',
    "<ip netmask='255.255.255.0'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Missing required address attribute in network 'n'"]],
  ],
  [
    'ip/family',
    "<ip family='ipv5' address='192.168.210.1' prefix='24'/>",
    "<ip family='' address='192.168.210.1' prefix='24'/>",
    [['invalid-value', "XML error: Unrecognized family 'ipv5' in network 'n'"]],
  ],
  [
    'ip/ipv6-family-ipv4-address',
    "<ip family='ipv6' address='192.168.210.1' prefix='24'/>",
    "<ip family='ipv4' address='192.168.210.1' prefix='24'/>",
    [['invalid-value', "unsupported configuration: Family 'ipv6' specified for non-IPv6 address '192.168.210.1' in network 'n'"]],
  ],
  [
    'ip/no-family-ipv6-address',
    "<ip address='fd00:210::1' prefix='64'/>",
    "<ip family='ipv6' address='fd00:210::1' prefix='64'/>",
    [['invalid-value', "unsupported configuration: no family specified for non-IPv4 address 'fd00:210::1' in network 'n'"]],
  ],
  [
    'ip/prefix-and-netmask',
    "<ip address='192.168.210.1' netmask='255.255.255.0' prefix='24'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0' prefix='0'/>",
    [['invalid-value', "unsupported configuration: Network 'n' IP address cannot have both a prefix and a netmask"]],
  ],
  [
    'ip/prefix-ipv4',
    "<ip address='192.168.210.1' prefix='33'/>",
    "<ip address='192.168.210.1' prefix='32'/>",
    [['invalid-value', "unsupported configuration: Invalid IPv4 prefix '33' in network 'n'"]],
  ],
  [
    'ip/prefix-value',
    "<ip address='192.168.210.1' prefix='24bits'/>",
    "<ip address='192.168.210.1' prefix=' 24'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'prefix' in element 'ip': '24bits'. Expected non-negative integer value"]],
  ],
  [
    'ip/ipv6-netmask',
    "<ip family='ipv6' address='fd00:210::1' netmask='255.255.255.0'/>",
    "<ip family='ipv6' address='fd00:210::1'/>",
    [['invalid-value', "unsupported configuration: netmask not allowed for IPv6 address 'fd00:210::1' in network 'n'"]],
  ],
  [
    'ip/prefix-ipv6',
    "<ip family='ipv6' address='fd00:210::1' prefix='129'/>",
    "<ip family='ipv6' address='fd00:210::1' prefix='128'/>",
    [['invalid-value', "unsupported configuration: Invalid IPv6 prefix '129' in network 'n'"]],
  ],
  [
    'ip/local-ptr',
    "<ip address='192.168.210.1' prefix='24' localPtr='true'/>",
    "<ip address='192.168.210.1' prefix='24' localPtr='yes'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'localPtr' in element 'ip': 'true'."]],
  ],
  [
    'ip/tftp-ipv6',
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><tftp root='/srv'/></ip>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><ip family='ipv6' address='fd00:210::1' prefix='64'/>",
    [['invalid-value', "unsupported configuration: Unsupported <tftp> element in an IPv6 element in network 'n'"]],
  ],
  [
    'dhcp/range-end',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip>",
    [['invalid-value', "XML error: Missing 'end' attribute in dhcp range for network 'n'"]],
  ],
  [
    'dhcp/host-identity',
    "<ip address='192.168.210.1' prefix='24'><dhcp><host ip='192.168.210.5'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><host name='a' ip='192.168.210.5'/></dhcp></ip>",
    [['invalid-value', "XML error: Static host definition in IPv4 network 'n' must have mac or name attribute"]],
  ],
  [
    'dhcp/host-ip',
    "<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01' ip='192.168.210.5'/></dhcp></ip>",
    [['invalid-value', "XML error: Missing IP address in static host definition for network 'n'"]],
  ],
  [
    'dhcp/host-ipv6-mac',
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host mac='52:54:00:00:00:01' name='a' ip='fd00:210::5'/></dhcp></ip>",
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host id='0:1:0:1' name='a' ip='fd00:210::5'/></dhcp></ip>",
    [['invalid-value', "XML error: Invalid to specify MAC address '52:54:00:00:00:01' in network 'n' IPv6 static host definition"]],
  ],
  [
    'dhcp/host-ipv6-identity',
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host ip='fd00:210::5'/></dhcp></ip>",
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host name='a' ip='fd00:210::5'/></dhcp></ip>",
    [['invalid-value', "XML error: Static host definition in IPv6 network 'n' must have id or name attribute"]],
  ],
  [
    'dhcp/host-mac',
    "<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:00:00:00' ip='192.168.210.5'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:0:0:0:1' ip='192.168.210.5'/></dhcp></ip>",
    [['invalid-value', "XML error: Cannot parse MAC address '52:54:00:00:00' in network 'n'"]],
  ],
  [
    'dhcp/host-multicast',
    "<ip address='192.168.210.1' prefix='24'><dhcp><host mac='01:54:00:00:00:01' ip='192.168.210.5'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><host mac='02:54:00:00:00:01' ip='192.168.210.5'/></dhcp></ip>",
    [['invalid-value', "XML error: expected unicast mac address, found multicast '01:54:00:00:00:01' in network 'n'"]],
  ],
  [
    'dhcp/host-name',
    "<ip address='192.168.210.1' prefix='24'><dhcp><host name='-a' ip='192.168.210.5'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><host name='1a' ip='192.168.210.5'/></dhcp></ip>",
    [['invalid-value', "XML error: Cannot use host name '-a' in network 'n'"]],
  ],
  [
    'dhcp/host-id',
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host id='0:1:zz' ip='fd00:210::5'/></dhcp></ip>",
    "<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host id='0:1:AB' ip='fd00:210::5'/></dhcp></ip>",
    [['invalid-value', "XML error: Invalid character 'z' in id '0:1:zz' of network 'n'"]],
  ],
  [
    'dhcp/lease-minimum',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='1'/></range></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='0'/></range></dhcp></ip>",
    [['invalid-value', 'unsupported configuration: The minimum lease time should be greater than 2 minutes']],
  ],
  [
    'dhcp/lease-seconds',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='119' unit='seconds'/></range></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='1' unit='hours'/></range></dhcp></ip>",
    [['invalid-value', 'unsupported configuration: The minimum lease time should be greater than 2 minutes']],
  ],
  [
    'dhcp/lease-unit',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='5' unit='days'/></range></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='5' unit='minutes'/></range></dhcp></ip>",
    [['invalid-value', "XML error: Invalid value for attribute 'unit' in element 'lease': 'days'."]],
  ],
  [
    'dhcp-range/outside',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.122.10' end='192.168.122.20'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip>",
    [['dhcp-range', 'internal error: range 192.168.122.10 - 192.168.122.20 is not entirely within network 192.168.210.1/24']],
  ],
  [
    'dhcp-range/network-address',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.0' end='192.168.210.20'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.1' end='192.168.210.20'/></dhcp></ip>",
    [['dhcp-range', 'internal error: start of range 192.168.210.0 - 192.168.210.20 in network 192.168.210.1/24 is the network address']],
  ],
  [
    'dhcp-range/broadcast',
    "<ip address='192.168.210.1' netmask='255.255.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.255'/></dhcp></ip>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.254'/></dhcp></ip>",
    [['dhcp-range', 'internal error: end of range 192.168.210.10 - 192.168.210.255 in network 192.168.210.1/24 is the broadcast address']],
  ],
  [
    'dhcp-range/reversed',
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.20' end='192.168.210.10'/></dhcp></ip>",
    "<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.10'/></dhcp></ip>",
    [['dhcp-range', 'internal error: range 192.168.210.20 - 192.168.210.10 is reversed ']],
  ],
  [
    'dhcp-range/too-large',
    "<ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.1.0.2'/></dhcp></ip>",
    "<ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.0.255.254'/></dhcp></ip>",
    [['dhcp-range', 'internal error: range 10.0.0.2 - 10.1.0.2 is too large (> 65535)']],
  ],
  [
    'dhcp-range/class-prefix',
    "<ip address='192.168.210.1'><dhcp><range start='192.168.211.10' end='192.168.211.20'/></dhcp></ip>",
    "<ip address='172.16.210.1'><dhcp><range start='172.16.211.10' end='172.16.211.20'/></dhcp></ip>",
    [['dhcp-range', 'internal error: range 192.168.211.10 - 192.168.211.20 is not entirely within network 192.168.210.1/24']],
  ],
  [
    'dhcp-range/bad-netmask',
    "<ip address='192.168.210.1' netmask='255.0.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip>",
    "<ip address='192.168.210.1' netmask='255.255.0.0'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip>",
    [['dhcp-range', 'internal error: bad prefix -1 for network 192.168.210.1 when  checking range 192.168.210.10 - 192.168.210.20']],
  ],
];

describe('networkIpRules', () => {
  for (const [rule, failing, passing, errors] of rules) {
    test(`${rule}: refused with libvirt's message`, () => {
      assert.deepEqual(checkNetworkBody(failing).errors, errors);
    });
    test(`${rule}: the close variant passes`, () => {
      assert.deepEqual(checkNetworkBody(passing).errors, []);
    });
  }
});
