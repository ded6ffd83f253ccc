import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody } from '../testing/networkChecks';

/*
 * Each rule of networkDnsRules.ts with a failing and a passing network (the same pairs the oracle's
 * test/oracle/networkCases.ts gives a real libvirt; the messages are the ones libvirt 9.0.0 gave).
 * [rule, failing body, passing body, the errors the failing body gets: [code, message]]
 */
const rules: ReadonlyArray<readonly [string, string, string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'dns/disabled-extra',
    "<dns enable='no'><host ip='192.168.210.5'><hostname>a</hostname></host></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns enable='yes'><host ip='192.168.210.5'><hostname>a</hostname></host></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['dns-disabled-extra-data', "XML error: Extra data in disabled network 'n'"]],
  ],
  [
    'dns/disabled-forwarder',
    "<dns enable='no'><forwarder domain='example.test'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns enable='no'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['dns-disabled-extra-data', "XML error: Extra data in disabled network 'n'"]],
  ],
  [
    'dns/enable-value',
    "<dns enable='off'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns enable='no'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'enable' in element 'dns': 'off'."]],
  ],
  [
    'dns/forward-plain-names',
    "<dns forwardPlainNames='0'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns forwardPlainNames='no'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'forwardPlainNames' in element 'dns': '0'."]],
  ],
  [
    'dns/forwarder-empty',
    "<dns><forwarder/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><forwarder addr='192.0.2.53'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', 'XML error: Invalid forwarder element, must contain at least one of addr or domain']],
  ],
  [
    'dns/host-ip',
    "<dns><host><hostname>a</hostname></host></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><host ip='192.168.210.5'><hostname>a</hostname></host></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "Missing IP address in network 'n' DNS HOST record"]],
  ],
  [
    'dns/host-hostname',
    "<dns><host ip='192.168.210.5'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><host ip='192.168.210.5'><hostname>a</hostname></host></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "Missing hostname in network 'n' DNS HOST record"]],
  ],
  [
    'dns/srv-service',
    "<dns><srv protocol='tcp'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><srv service='ldap' protocol='tcp'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "missing required service attribute in DNS SRV record of network 'n'"]],
  ],
  [
    'dns/srv-service-chars',
    "<dns><srv service='ld.ap' protocol='tcp'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><srv service='l_d-a+p' protocol='tcp'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "invalid character in service attribute 'ld.ap' in DNS SRV record of network 'n'"]],
  ],
  [
    'dns/srv-port-target',
    "<dns><srv service='ldap' protocol='tcp' port='389'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><srv service='ldap' protocol='tcp' target='a.test' port='389'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "DNS SRV port attribute not permitted without target for service 'ldap' in network 'n'"]],
  ],
  [
    'dns/srv-port-range',
    "<dns><srv service='ldap' protocol='tcp' target='a.test' port='0'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><srv service='ldap' protocol='tcp' target='a.test' port='65535'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "invalid DNS SRV port attribute for service 'ldap' in network 'n'"]],
  ],
  [
    'dns/txt-name',
    "<dns><txt name='a b' value='x'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><txt name='ab' value='x y'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "prohibited character in DNS TXT record name 'a b' of network n"]],
  ],
  [
    'dns/txt-value',
    "<dns><txt name='ab'/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<dns><txt name='ab' value=''/></dns><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "missing required value attribute in DNS TXT record named 'ab' of network n"]],
  ],
];

describe('networkDnsRules', () => {
  for (const [rule, failing, passing, errors] of rules) {
    test(`${rule}: refused with libvirt's message`, () => {
      assert.deepEqual(checkNetworkBody(failing).errors, errors);
    });
    test(`${rule}: the close variant passes`, () => {
      assert.deepEqual(checkNetworkBody(passing).errors, []);
    });
  }
});
