import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import { domainWith, findingsOf, network, slice } from '../testing';

/*
 * The checks libvirt 9.0.0 makes on an <interface> of every type (interfaceParseRules,
 * interfaceValidateRules, valueRules' bandwidth directions): each with an interface libvirt
 * refuses (the exact message, seen on the real daemon) and one it accepts.
 */

const mac = "<mac address='52:54:00:aa:00:01'/>";
const networks = {
  'lan.xml': network('lan', `  <forward mode='nat'/>`),
};

function errorsOf(iface: string): { errors: Finding[]; text: string } {
  const text = domainWith(iface);
  const errors = findingsOf('d.xml', { ...networks, 'd.xml': text }).filter((f) => f.severity === 'error');
  return { errors, text };
}

interface RuleCase {
  readonly rule: string;
  readonly code: string;
  readonly refused: string;
  readonly message: string;
  /** The text the finding is placed on. */
  readonly at: string;
  readonly accepted: string;
}

const cases: readonly RuleCase[] = [
  {
    rule: 'interface type',
    code: 'interface-type-invalid',
    refused: `<interface type='bogus'>${mac}</interface>`,
    message: "XML error: Invalid value for attribute 'type' in element 'interface': 'bogus'.",
    at: 'bogus',
    accepted: `<interface type='user'>${mac}</interface>`,
  },
  {
    rule: 'empty interface type',
    code: 'interface-type-invalid',
    refused: `<interface type=''>${mac}</interface>`,
    message: "XML error: Invalid value for attribute 'type' in element 'interface': ''.",
    at: '',
    accepted: `<interface>${mac}</interface>`,
  },
  {
    rule: 'trustGuestRxFilters is yes or no, case-sensitively',
    code: 'invalid-yes-no',
    refused: `<interface type='bridge' trustGuestRxFilters='YES'>${mac}<source bridge='br0'/></interface>`,
    message: "XML error: Invalid value for attribute 'trustGuestRxFilters' in element 'interface': 'YES'.",
    at: 'YES',
    accepted: `<interface type='bridge' trustGuestRxFilters='yes'>${mac}<source bridge='br0'/></interface>`,
  },
  {
    rule: 'an empty trustGuestRxFilters is not absent',
    code: 'invalid-yes-no',
    refused: `<interface type='direct' trustGuestRxFilters=''>${mac}<source dev='eth0'/></interface>`,
    message: "XML error: Invalid value for attribute 'trustGuestRxFilters' in element 'interface': ''.",
    at: '',
    accepted: `<interface type='direct' trustGuestRxFilters='no'>${mac}<source dev='eth0'/></interface>`,
  },
  {
    rule: 'port isolated is yes or no',
    code: 'invalid-yes-no',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'/><port isolated='maybe'/></interface>`,
    message: "XML error: Invalid value for attribute 'isolated' in element 'port': 'maybe'.",
    at: 'maybe',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><port isolated='yes'/></interface>`,
  },
  {
    rule: 'target managed is yes or no',
    code: 'invalid-yes-no',
    refused: `<interface type='ethernet'>${mac}<target dev='tap0' managed='maybe'/></interface>`,
    message: "XML error: Invalid value for attribute 'managed' in element 'target': 'maybe'.",
    at: 'maybe',
    accepted: `<interface type='ethernet'>${mac}<target dev='tap0' managed='no'/></interface>`,
  },
  {
    rule: 'a bridge interface needs a <source>',
    code: 'interface-source-missing',
    refused: `<interface type='bridge'>${mac}</interface>`,
    message: "XML error: interface type='bridge' requires a 'source' element",
    at: 'interface',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/></interface>`,
  },
  {
    rule: "a bridge interface's <source> needs bridge",
    code: 'interface-source-missing',
    refused: `<interface type='bridge'>${mac}<source/></interface>`,
    message: "XML error: Missing required attribute 'bridge' in element 'source'",
    at: 'source',
    accepted: `<interface type='bridge'>${mac}<source bridge='virbr0'/></interface>`,
  },
  {
    rule: 'an empty bridge name is defined, and fails at start',
    code: 'empty-source-device',
    refused: `<interface type='bridge'>${mac}<source bridge=''/></interface>`,
    message: "Cannot get interface MTU on '': No such device",
    at: '',
    accepted: `<interface type='bridge'>${mac}<source bridge='br1'/></interface>`,
  },
  {
    rule: "a direct interface's <source> needs dev",
    code: 'interface-source-missing',
    refused: `<interface type='direct'>${mac}<source mode='bridge'/></interface>`,
    message: "XML error: Missing required attribute 'dev' in element 'source'",
    at: 'source',
    accepted: `<interface type='direct'>${mac}<source dev='eth0' mode='bridge'/></interface>`,
  },
  {
    rule: 'macvtap mode',
    code: 'invalid-value',
    refused: `<interface type='direct'>${mac}<source dev='eth0' mode='bogus'/></interface>`,
    message: "XML error: Invalid value for attribute 'mode' in element 'source': 'bogus'.",
    at: 'bogus',
    accepted: `<interface type='direct'>${mac}<source dev='eth0' mode='private'/></interface>`,
  },
  {
    rule: 'no virtualport on a user interface',
    code: 'virtualport-unsupported-for-interface',
    refused: `<interface type='user'>${mac}<virtualport type='openvswitch'/></interface>`,
    message: "unsupported configuration: <virtualport> element unsupported for <interface type='user'>",
    at: 'virtualport',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><virtualport type='openvswitch'/></interface>`,
  },
  {
    rule: 'no virtualport on an ethernet interface',
    code: 'virtualport-unsupported-for-interface',
    refused: `<interface type='ethernet'>${mac}<virtualport type='openvswitch'/></interface>`,
    message: "unsupported configuration: <virtualport> element unsupported for <interface type='ethernet'>",
    at: 'virtualport',
    accepted: `<interface type='ethernet'>${mac}</interface>`,
  },
  {
    rule: "a bridge interface's virtualport needs a type",
    code: 'virtualport-type-missing',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'/><virtualport><parameters profileid='p'/></virtualport></interface>`,
    message: 'XML error: missing required virtualport type',
    at: 'virtualport',
    accepted: `<interface type='network'>${mac}<source network='lan'/></interface>`,
  },
  {
    rule: "a direct interface's 802.1Qbg virtualport must be complete at define",
    code: 'virtualport-incomplete',
    refused: `<interface type='direct'>${mac}<source dev='eth0'/><virtualport type='802.1Qbg'><parameters managerid='11'/></virtualport></interface>`,
    message: "XML error: missing typeid in <virtualport type='802.1Qbg'>",
    at: '802.1Qbg',
    accepted: `<interface type='direct'>${mac}<source dev='eth0'/><virtualport type='802.1Qbg'><parameters managerid='11' typeid='1193047' typeidversion='2'/></virtualport></interface>`,
  },
  {
    rule: 'port isolation on a direct interface',
    code: 'port-isolated-unsupported',
    refused: `<interface type='direct'>${mac}<source dev='eth0'/><port isolated='yes'/></interface>`,
    message: "unsupported configuration: interface 52:54:00:aa:00:01 - <port isolated='yes'/> is not supported for network interfaces with type='direct'",
    at: 'yes',
    accepted: `<interface type='direct'>${mac}<source dev='eth0'/><port isolated='no'/></interface>`,
  },
  {
    rule: 'port isolation on a user interface',
    code: 'port-isolated-unsupported',
    refused: `<interface type='user'>${mac}<port isolated='yes'/></interface>`,
    message: "unsupported configuration: interface 52:54:00:aa:00:01 - <port isolated='yes'/> is not supported for network interfaces with type='user'",
    at: 'yes',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><port isolated='yes'/></interface>`,
  },
  {
    rule: 'port isolation with an Open vSwitch virtualport',
    code: 'port-isolated-unsupported',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'/><virtualport type='openvswitch'/><port isolated='yes'/></interface>`,
    message:
      "unsupported configuration: interface 52:54:00:aa:00:01 - <port isolated='yes'/> is not supported for network interfaces with virtualport type='openvswitch'",
    at: 'yes',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><virtualport type='openvswitch'/></interface>`,
  },
  {
    rule: 'vlan on a Linux bridge',
    code: 'vlan-unsupported',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'/><vlan><tag id='5'/></vlan></interface>`,
    message: 'unsupported configuration: interface 52:54:00:aa:00:01 - vlan tag not supported for this connection type',
    at: 'vlan',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><virtualport type='openvswitch'/><vlan><tag id='5'/></vlan></interface>`,
  },
  {
    rule: 'vlan on a macvtap that is not passthrough',
    code: 'vlan-unsupported',
    refused: `<interface type='direct'>${mac}<source dev='eth0'/><vlan><tag id='5'/></vlan></interface>`,
    message: 'unsupported configuration: interface 52:54:00:aa:00:01 - vlan tag not supported for this connection type',
    at: 'vlan',
    accepted: `<interface type='direct'>${mac}<source dev='eth0' mode='passthrough'/><vlan><tag id='5'/></vlan></interface>`,
  },
  {
    rule: 'vlan on a user interface',
    code: 'vlan-unsupported',
    refused: `<interface type='user'>${mac}<vlan><tag id='5'/></vlan></interface>`,
    message: 'unsupported configuration: interface 52:54:00:aa:00:01 - vlan tag not supported for this connection type',
    at: 'vlan',
    accepted: `<interface type='user'>${mac}</interface>`,
  },
  {
    rule: 'two <inbound> in one bandwidth',
    code: 'bandwidth-duplicate-direction',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'/><bandwidth><inbound average='1'/><inbound average='2'/></bandwidth></interface>`,
    message: 'Only one child <inbound> element allowed',
    at: 'inbound',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><bandwidth><inbound average='1'/><outbound average='2'/></bandwidth></interface>`,
  },
  {
    rule: 'two <outbound> in one bandwidth',
    code: 'bandwidth-duplicate-direction',
    refused: `<interface type='network'>${mac}<source network='lan'/><bandwidth><outbound average='1'/><outbound average='2'/></bandwidth></interface>`,
    message: 'Only one child <outbound> element allowed',
    at: 'outbound',
    accepted: `<interface type='network'>${mac}<source network='lan'/><bandwidth><outbound average='1'/></bandwidth></interface>`,
  },
  {
    rule: "managed='no' only on ethernet",
    code: 'unmanaged-target-unsupported',
    refused: `<interface type='user'>${mac}<target dev='tap0' managed='no'/></interface>`,
    message: "unsupported configuration: unmanaged target dev is not supported on interfaces of type 'user'",
    at: 'no',
    accepted: `<interface type='ethernet'>${mac}<target dev='tap0' managed='no'/></interface>`,
  },
  {
    rule: 'MTU on a user interface (QEMU)',
    code: 'mtu-unsupported',
    refused: `<interface type='user'>${mac}<mtu size='1400'/></interface>`,
    message: 'unsupported configuration: setting MTU on interface type user is not supported yet',
    at: '1400',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><mtu size='1400'/></interface>`,
  },
  {
    rule: 'malformed MTU size (an empty one is absent)',
    code: 'invalid-value',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'/><mtu size='x'/></interface>`,
    message: 'XML error: malformed mtu size',
    at: 'x',
    accepted: `<interface type='bridge'>${mac}<source bridge='br0'/><mtu size=''/></interface>`,
  },
  {
    rule: "link state (an empty one is absent, 'default' is refused)",
    code: 'invalid-value',
    refused: `<interface type='user'>${mac}<link state='default'/></interface>`,
    message: "unsupported configuration: unknown interface link state 'default'",
    at: 'default',
    accepted: `<interface type='user'>${mac}<link state=''/></interface>`,
  },
  {
    rule: 'mac type',
    code: 'invalid-value',
    refused: `<interface type='user'><mac address='52:54:00:aa:00:01' type='odd'/></interface>`,
    message: "XML error: Invalid value for attribute 'type' in element 'mac': 'odd'.",
    at: 'odd',
    accepted: `<interface type='user'><mac address='52:54:00:aa:00:01' type='static'/></interface>`,
  },
  {
    rule: 'model name characters (known names in any case)',
    code: 'invalid-value',
    refused: `<interface type='user'>${mac}<model type='bad model'/></interface>`,
    message: 'invalid argument: Model name contains invalid characters',
    at: 'bad model',
    accepted: `<interface type='user'>${mac}<model type='Am79C970A'/></interface>`,
  },
  {
    rule: 'host-side IP only on ethernet',
    code: 'ip-unsupported-for-interface',
    refused: `<interface type='bridge'>${mac}<source bridge='br0'><ip address='192.168.1.1'/></source></interface>`,
    message:
      "unsupported configuration: Invalid attempt to set network interface host-side IP route and/or address info on interface of type 'bridge'. This is only supported on interfaces of type 'ethernet'",
    at: 'ip',
    accepted: `<interface type='ethernet'>${mac}<source><ip address='192.168.1.1'/></source></interface>`,
  },
  {
    rule: 'an empty network name is looked up, and not found, at start',
    code: 'unknown-network',
    refused: `<interface type='network'>${mac}<source network=''/></interface>`,
    message: "Network not found: no network with matching name ''",
    at: '',
    accepted: `<interface type='network'>${mac}<source network='lan'/></interface>`,
  },
];

describe('interface rules on every type (virDomainNetDefParseXML, virDomainNetDefValidate, QEMU)', () => {
  for (const c of cases) {
    test(`${c.rule}: refused, then accepted`, () => {
      const refused = errorsOf(c.refused);
      assert.deepEqual(
        refused.errors.map((f) => [f.code, f.message]),
        [[c.code, c.message]],
      );
      assert.equal(slice(refused.text, refused.errors[0].range), c.at);
      assert.deepEqual(
        errorsOf(c.accepted).errors.map((f) => [f.code, f.message]),
        [],
      );
    });
  }

  test('libvirt accepts two interfaces with the same MAC address: no finding', () => {
    const text = domainWith(`<interface type='user'>${mac}</interface>`, `<interface type='user'>${mac}</interface>`);
    assert.deepEqual(findingsOf('d.xml', { 'd.xml': text }), []);
  });
});
