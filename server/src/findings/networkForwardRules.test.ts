import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody } from '../testing/networkChecks';

/*
 * Each rule of networkForwardRules.ts with a failing and a passing network (the same pairs the oracle's
 * test/oracle/networkCases.ts gives a real libvirt; the messages are the ones libvirt 9.0.0 gave).
 * [rule, failing body, passing body, the errors the failing body gets: [code, message]]
 */
const rules: ReadonlyArray<readonly [string, string, string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'nat/in-route',
    "<forward mode='route'><nat><port start='1024' end='65535'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in network n"]],
  ],
  [
    'nat/two',
    "<forward mode='nat'><nat/><nat/></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><nat/></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', 'XML error: Only one <nat> element is allowed in <forward> of network n']],
  ],
  [
    'nat/port-start',
    "<forward mode='nat'><nat><port start='70000' end='70001'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><nat><port start='500' end='501'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network n"]],
  ],
  [
    'nat/port-end',
    "<forward mode='nat'><nat><port start='2000' end='1000'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><nat><port start='1000' end='1001'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network n"]],
  ],
  [
    'nat/address-end',
    "<forward mode='nat'><nat><address start='192.0.2.1'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><nat><address start='192.0.2.1' end='192.0.2.9'/></nat></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "XML error: missing 'end' attribute in <address> element in <nat> in <forward> in network n"]],
  ],
  [
    'nat/ipv6-value',
    "<forward mode='nat'><nat ipv6='on'/></forward><ip address='192.168.210.1' netmask='255.255.255.0'/><ip family='ipv6' address='fd00:210::1' prefix='64'/>",
    "<forward mode='nat'><nat ipv6='yes'/></forward><ip address='192.168.210.1' netmask='255.255.255.0'/><ip family='ipv6' address='fd00:210::1' prefix='64'/>",
    [['invalid-value', "XML error: Invalid value for attribute 'ipv6' in element 'nat': 'on'."]],
  ],
  [
    'forward/driver',
    "<forward mode='bridge'><driver name='default'/><interface dev='ordev0'/></forward>",
    "<forward mode='bridge'><driver name='vfio'/><interface dev='ordev0'/></forward>",
    [['invalid-value', "unsupported configuration: Unknown forward <driver name='default'/> in network n"]],
  ],
  [
    'forward/mode-none',
    "<forward mode='nothing'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='none'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['invalid-value', "unsupported configuration: unknown forwarding type 'nothing'"]],
  ],
  [
    'pool/dev-with-pf',
    "<forward mode='hostdev' dev='ordev0'><pf dev='ordev3'/></forward>",
    "<forward mode='passthrough' dev='ordev0'/>",
    [
      ['forward-pool-conflict', "XML error: the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements are present in network %s"],
      [
        'forward-pool-conflict',
        "unsupported configuration: hostdev network 'n' lists 'ordev0' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name",
      ],
    ],
  ],
  [
    'pool/dev-mismatch',
    "<forward mode='bridge' dev='ordev1'><interface dev='ordev0'/></forward>",
    "<forward mode='bridge' dev='ordev0'><interface dev='ordev0'/></forward>",
    [['forward-pool-conflict', "XML error: <forward dev='ordev1'> must match first <interface dev='ordev0'/> in network n"]],
  ],
  [
    'pool/interface-without-dev',
    "<forward mode='bridge'><interface/></forward>",
    "<forward mode='bridge'><interface dev='ordev0'/></forward>",
    [['invalid-value', 'XML error: Missing required dev attribute in <forward> <interface> element of network n']],
  ],
  [
    'pool/duplicate-interface',
    "<forward mode='vepa'><interface dev='ordev0'/><interface dev='ordev0'/></forward>",
    "<forward mode='vepa'><interface dev='ordev0'/><interface dev='ordev1'/></forward>",
    [['duplicate-pool-device', "XML error: interface 'ordev0' can only be listed once in network n"]],
  ],
  [
    'pool/duplicate-dev-and-interfaces',
    "<forward mode='vepa' dev='ordev0'><interface dev='ordev0'/><interface dev='ordev0'/></forward>",
    "<forward mode='vepa' dev='ordev0'><interface dev='ordev0'/><interface dev='ordev1'/></forward>",
    [['duplicate-pool-device', "XML error: interface 'ordev0' can only be listed once in network n"]],
  ],
  [
    'pool/duplicate-pci',
    "<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='0x07' function='1'/><address type='pci' domain='0' bus='0' slot='7' function='1'/></forward>",
    "<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='0x07' function='1'/><address type='pci' domain='0' bus='0' slot='8' function='1'/></forward>",
    [['duplicate-pool-device', "XML error: PCI device '0000:00:07.1' can only be listed once in network n"]],
  ],
  [
    'pool/address-type',
    "<forward mode='hostdev'><address domain='0' bus='0' slot='7' function='1'/></forward>",
    "<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='7' function='1'/></forward>",
    [['invalid-value', 'XML error: missing address type in network n']],
  ],
  [
    'pool/address-usb',
    "<forward mode='hostdev'><address type='usb' bus='1' device='2'/></forward>",
    "<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='7' function='1'/></forward>",
    [['invalid-value', "unsupported configuration: unknown address type 'usb' in network n"]],
  ],
  [
    'pool/address-netdev',
    "<forward mode='hostdev'><address type='netdev'/></forward>",
    "<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='7' function='1'/></forward>",
    [['invalid-value', "XML error: unsupported address type 'netdev' in network n"]],
  ],
  [
    'pool/two-pfs',
    "<forward mode='hostdev'><pf dev='ordev3'/><pf dev='ordev1'/></forward>",
    "<forward mode='hostdev'><pf dev='ordev3'/></forward>",
    [['invalid-value', 'XML error: Only one <pf> element is allowed in <forward> of network n']],
  ],
  [
    'pool/pf-without-dev',
    "<forward mode='passthrough'><pf/></forward>",
    "<forward mode='passthrough'><pf dev='ordev3'/></forward>",
    [['invalid-value', "XML error: Missing required dev attribute in <pf> element of network 'n'"]],
  ],
  [
    'pool/hostdev-interface',
    "<forward mode='hostdev'><interface dev='ordev0'/></forward>",
    "<forward mode='passthrough'><interface dev='ordev0'/></forward>",
    [
      [
        'forward-pool-conflict',
        "unsupported configuration: hostdev network 'n' lists 'ordev0' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name",
      ],
    ],
  ],
  [
    'pool/pci-in-passthrough',
    "<forward mode='passthrough'><address type='pci' domain='0' bus='0' slot='7' function='1'/></forward>",
    "<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='7' function='1'/></forward>",
    [
      [
        'forward-pool-conflict',
        "unsupported configuration: network 'n' has forward mode 'passthrough'  but lists a device by PCI address in the device pool. This is only supported for networks with forward mode 'hostdev'",
      ],
    ],
  ],
];

describe('networkForwardRules', () => {
  for (const [rule, failing, passing, errors] of rules) {
    test(`${rule}: refused with libvirt's message`, () => {
      assert.deepEqual(checkNetworkBody(failing).errors, errors);
    });
    test(`${rule}: the close variant passes`, () => {
      assert.deepEqual(checkNetworkBody(passing).errors, []);
    });
  }
});

describe('networkForwardRules: pools of more than one kind', () => {
  test('<interface> comes first: a <pf> beside it is dropped, with a warning', () => {
    const { findings, errors } = checkNetworkBody(`<forward mode='passthrough'><interface dev='eth0'/><pf dev='eth3'/></forward>`);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      findings.filter((f) => f.code === 'forward-pool-ignored').map((f) => [f.severity, f.message]),
      [['warning', 'libvirt ignores this <pf>: a <forward> pool is of one kind, and <interface> comes first; remove it, or the <interface> entries']],
    );
  });

  test('<address> comes before <pf>', () => {
    const { findings } = checkNetworkBody(`<forward mode='hostdev'><address type='pci' domain='0' bus='0' slot='7' function='1'/><pf dev='eth3'/></forward>`);
    assert.deepEqual(
      findings.filter((f) => f.code === 'forward-pool-ignored').map((f) => f.message.split(':')[0]),
      ['libvirt ignores this <pf>'],
    );
  });

  test('a pool of one kind gets no warning', () => {
    const { findings } = checkNetworkBody(`<forward mode='passthrough'><interface dev='eth0'/><interface dev='eth1'/></forward>`);
    assert.deepEqual(
      findings.filter((f) => f.code === 'forward-pool-ignored'),
      [],
    );
  });
});
