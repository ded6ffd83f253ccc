import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody } from '../testing/networkChecks';

/*
 * Each rule of networkModeRules.ts with a failing and a passing network (the same pairs the oracle's
 * test/oracle/networkCases.ts gives a real libvirt; the messages are the ones libvirt 9.0.0 gave).
 * [rule, failing body, passing body, the errors the failing body gets: [code, message]]
 */
const rules: ReadonlyArray<readonly [string, string, string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'forward-needs-ip/nat',
    "<forward mode='nat'/>",
    "<forward mode='nat'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-needs-ip', "XML error: nat forwarding requested, but no IP address provided for network 'n'"]],
  ],
  [
    'forward-needs-ip/route',
    "<forward mode='route'/>",
    "<forward mode='route'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-needs-ip', "XML error: route forwarding requested, but no IP address provided for network 'n'"]],
  ],
  [
    'forward-needs-ip/open',
    "<forward mode='open'/>",
    "<forward mode='open'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-needs-ip', "XML error: open forwarding requested, but no IP address provided for network 'n'"]],
  ],
  [
    'forward-needs-ip/no-mode',
    '<forward/>',
    "<forward/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-needs-ip', "XML error: nat forwarding requested, but no IP address provided for network 'n'"]],
  ],
  [
    'forward-needs-ip/empty-mode',
    "<forward mode=''/>",
    "<forward mode=''/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-needs-ip', "XML error: nat forwarding requested, but no IP address provided for network 'n'"]],
  ],
  [
    'l3-devices/two',
    "<forward mode='nat'><interface dev='ordev0'/><interface dev='ordev1'/></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='nat'><interface dev='ordev0'/></forward><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "XML error: multiple forwarding interfaces specified for network 'n', only one is supported"]],
  ],
  [
    'l3-devices/open-dev',
    "<forward mode='open' dev='ordev0'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<forward mode='route' dev='ordev0'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "XML error: forward dev not allowed for network 'n' with forward mode='open'"]],
  ],
  [
    'bridge-attributes/name-private',
    "<forward mode='private'><interface dev='ordev0'/></forward><bridge name='br0'/>",
    "<forward mode='private'><interface dev='ordev0'/></forward>",
    [
      ['forward-mode-conflict', "XML error: bridge name not allowed in private mode (network 'n')"],
      ['forward-pool-conflict', "XML error: A network with forward mode='private' can specify a bridge name or a forward dev, but not both (network 'n')"],
    ],
  ],
  [
    'bridge-attributes/zone-vepa',
    "<forward mode='vepa'><interface dev='ordev0'/></forward><bridge zone='public'/>",
    "<forward mode='vepa'><interface dev='ordev0'/></forward><bridge/>",
    [
      ['forward-mode-conflict', "XML error: bridge zone not allowed in vepa mode (network 'n')"],
      ['forward-mode-conflict', "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in vepa (network 'n')"],
    ],
  ],
  [
    'bridge-attributes/mactable-passthrough',
    "<forward mode='passthrough'><interface dev='ordev0'/></forward><bridge macTableManager='kernel'/>",
    "<forward mode='passthrough'><interface dev='ordev0'/></forward>",
    [['forward-mode-conflict', "XML error: bridge macTableManager setting not allowed in passthrough mode (network 'n')"]],
  ],
  [
    'bridge-attributes/stp-bridge',
    "<forward mode='bridge'/><bridge name='br0' stp='on'/>",
    "<forward mode='bridge'/><bridge name='br0' stp=''/>",
    [['forward-mode-conflict', "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in bridge (network 'n')"]],
  ],
  [
    'bridge-attributes/delay-bridge',
    "<forward mode='bridge'/><bridge name='br0' delay='5'/>",
    "<forward mode='bridge'/><bridge name='br0' delay='0'/>",
    [['forward-mode-conflict', "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in bridge (network 'n')"]],
  ],
  [
    'bridge-attributes/zone-bridge',
    "<forward mode='bridge'/><bridge name='br0' zone='public'/>",
    "<forward mode='bridge'/><bridge name='br0' zone=''/>",
    [['forward-mode-conflict', "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in bridge (network 'n')"]],
  ],
  [
    'bridge-attributes/name-and-dev',
    "<forward mode='bridge' dev='ordev0'/><bridge name='br0'/>",
    "<forward mode='bridge'/><bridge name='br0'/>",
    [['forward-pool-conflict', "XML error: A network with forward mode='bridge' can specify a bridge name or a forward dev, but not both (network 'n')"]],
  ],
  [
    'mtu/bridge',
    "<forward mode='bridge'/><bridge name='br0'/><mtu size='9000'/>",
    "<forward mode='bridge'/><bridge name='br0'/><mtu size='0'/>",
    [['forward-mode-conflict', "XML error: mtu size only allowed in open, route, nat, and isolated mode, not in bridge (network 'n')"]],
  ],
  [
    'host-side/mac',
    "<forward mode='bridge'/><bridge name='br0'/><mac address='52:54:00:aa:bb:cc'/>",
    "<mac address='52:54:00:aa:bb:cc'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "unsupported configuration: Unsupported <mac> element in network n with forward mode='bridge'"]],
  ],
  [
    'host-side/ip',
    "<forward mode='bridge'/><bridge name='br0'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    "<ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "unsupported configuration: Unsupported <ip> element in network n with forward mode='bridge'"]],
  ],
  [
    'host-side/dns',
    "<forward mode='bridge'/><bridge name='br0'/><dns><host ip='192.168.210.5'><hostname>a</hostname></host></dns>",
    "<forward mode='bridge'/><bridge name='br0'/><dns><forwarder addr='192.0.2.53'/></dns>",
    [['forward-mode-conflict', "unsupported configuration: Unsupported <dns> element in network n with forward mode='bridge'"]],
  ],
  [
    'host-side/domain',
    "<forward mode='bridge'/><bridge name='br0'/><domain name='example.test'/>",
    "<domain name='example.test'/><ip address='192.168.210.1' netmask='255.255.255.0'/>",
    [['forward-mode-conflict', "unsupported configuration: Unsupported <domain> element in network n with forward mode='bridge'"]],
  ],
  [
    'host-side/empty-domain',
    "<forward mode='bridge'/><bridge name='br0'/><domain name=''/>",
    "<forward mode='bridge'/><bridge name='br0'/><domain/>",
    [['forward-mode-conflict', "unsupported configuration: Unsupported <domain> element in network n with forward mode='bridge'"]],
  ],
];

describe('networkModeRules', () => {
  for (const [rule, failing, passing, errors] of rules) {
    test(`${rule}: refused with libvirt's message`, () => {
      assert.deepEqual(checkNetworkBody(failing).errors, errors);
    });
    test(`${rule}: the close variant passes`, () => {
      assert.deepEqual(checkNetworkBody(passing).errors, []);
    });
  }
});
