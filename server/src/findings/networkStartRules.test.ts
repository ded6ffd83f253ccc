import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody } from '../testing/networkChecks';

/*
 * Each rule of networkStartRules.ts with a failing and a passing network (the same pairs the oracle's
 * test/oracle/networkCases.ts gives a real libvirt; the messages are the ones libvirt 9.0.0 gave).
 * [rule, failing body, passing body, the errors the failing body gets: [code, message]]
 */
const rules: ReadonlyArray<readonly [string, string, string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'nat/port-equal',
    "<forward mode='nat'><nat><port start='1000' end='1000'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><nat><port start='0' end='0'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['nat-port-range', "internal error: Invalid port range '1000-1000'. (a NAT port range needs start < end)"]],
  ],
];

describe('networkStartRules: names that net-start turns into interface and file names', () => {
  const dhcp = `<ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.10' end='10.0.0.20'/></dhcp></ip>`;

  test('a bridge name of 16 bytes cannot be created', () => {
    assert.deepEqual(checkNetworkBody(`<bridge name='br-0123456789abc'/>`).errors, [
      ['bridge-name-too-long', 'error creating bridge interface br-0123456789abc: Numerical result out of range (a Linux interface name has at most 15 bytes)'],
    ]);
  });

  test('15 bytes, a %d template, or a host bridge (mode bridge) are fine', () => {
    assert.deepEqual(checkNetworkBody(`<bridge name='br-0123456789ab'/>`).errors, []);
    assert.deepEqual(checkNetworkBody(`<bridge name='averyverylongname%d'/>`).errors, []);
  });

  test("dnsmasq's NAME.hostsfile: 246 bytes are too many for a network with an address", () => {
    const name = 'x'.repeat(246);
    assert.deepEqual(checkNetworkBody(dhcp, name).errors, [
      [
        'network-name-too-long-for-dnsmasq',
        `cannot write config file '/var/lib/libvirt/dnsmasq/${name}.hostsfile': File name too long (a network that runs dnsmasq may have a name of at most 245 bytes; this one has 246)`,
      ],
    ]);
    assert.deepEqual(checkNetworkBody(dhcp, 'x'.repeat(245)).errors, []);
  });

  test('no dnsmasq without an address, or with DNS off and no DHCP', () => {
    assert.deepEqual(checkNetworkBody('', 'x'.repeat(247)).errors, []);
    assert.deepEqual(checkNetworkBody(`<ip address='10.0.0.1' prefix='24'/><dns enable='no'/>`, 'x'.repeat(247)).errors, []);
  });
});

describe('networkStartRules', () => {
  for (const [rule, failing, passing, errors] of rules) {
    test(`${rule}: refused with libvirt's message`, () => {
      assert.deepEqual(checkNetworkBody(failing).errors, errors);
    });
    test(`${rule}: the close variant passes`, () => {
      assert.deepEqual(checkNetworkBody(passing).errors, []);
    });
  }
});
