import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody } from '../testing/networkChecks';

/*
 * Each rule of networkAttributeRules.ts with a failing and a passing network (the same pairs the oracle's
 * test/oracle/networkCases.ts gives a real libvirt; the messages are the ones libvirt 9.0.0 gave).
 * [rule, failing body, passing body, the errors the failing body gets: [code, message]]
 */
const rules: ReadonlyArray<readonly [string, string, string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'values/ipv6',
    "<network ipv6='true'><name>n</name><ip family='ipv6' address='fd00:210::1' prefix='64'/></network>",
    "<network ipv6='yes'><name>n</name><ip family='ipv6' address='fd00:210::1' prefix='64'/></network>",
    [['invalid-value', "XML error: Invalid ipv6 setting 'true' in network 'n'"]],
  ],
  [
    'values/network-trust',
    "<network trustGuestRxFilters='1'><name>n</name><ip address='192.168.210.1' netmask='255.255.255.0'/></network>",
    "<network trustGuestRxFilters='yes'><name>n</name><ip address='192.168.210.1' netmask='255.255.255.0'/></network>",
    [['invalid-value', "XML error: Invalid value for attribute 'trustGuestRxFilters' in element 'network': '1'."]],
  ],
  [
    'values/trust',
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><portgroup name='a' trustGuestRxFilters='on'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><portgroup name='a' trustGuestRxFilters='no'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'trustGuestRxFilters' in element 'portgroup': 'on'."]],
  ],
  [
    'values/port-isolated',
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><port isolated='true'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><port isolated='yes'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'isolated' in element 'port': 'true'."]],
  ],
  [
    'values/domain-local-only',
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><domain name='example.test' localOnly='1'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><domain name='example.test' localOnly='yes'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'localOnly' in element 'domain': '1'."]],
  ],
  [
    'values/mac-table-manager',
    "<bridge macTableManager='default'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<bridge macTableManager='kernel'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid macTableManager setting 'default' in network 'n'"]],
  ],
  [
    'values/delay',
    "<bridge delay='2s'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<bridge delay='2'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid delay value in network 'n'"]],
  ],
  [
    'values/mac',
    "<mac address='52:54:00:aa:bb'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<mac address='52:54:00:aa:bb:cc'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid bridge mac address '52:54:00:aa:bb' in network 'n'"]],
  ],
  [
    'values/mac-multicast',
    "<mac address='53:54:00:aa:bb:cc'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<mac address='52:54:00:aa:bb:cc'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid multicast bridge mac address '53:54:00:aa:bb:cc' in network 'n'"]],
  ],
  [
    'values/mtu',
    "<mtu size='big'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<mtu size='1400'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid mtu size 'big' in network 'n'"]],
  ],
  [
    'values/second-ip-ok',
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><ip address='192.168.211.1' netmask='255.255.255.0'/><forward mode='open' dev='ordev0'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/><ip address='192.168.211.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "XML error: forward dev not allowed for network 'n' with forward mode='open'"]],
  ],
];

describe('networkAttributeRules', () => {
  for (const [rule, failing, passing, errors] of rules) {
    test(`${rule}: refused with libvirt's message`, () => {
      assert.deepEqual(checkNetworkBody(failing).errors, errors);
    });
    test(`${rule}: the close variant passes`, () => {
      assert.deepEqual(checkNetworkBody(passing).errors, []);
    });
  }
});
