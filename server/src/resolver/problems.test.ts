import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import { resolveDocument } from './resolveDocument';
import { formatStatusXml } from './statusXml';
import { indexOf, network, resolve, slice, uriOf } from '../testing';

const mac = `<mac address='52:54:00:00:00:01'/>`;
const only = (problems: readonly Finding[], code: string): Finding => {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `one ${code} expected in ${JSON.stringify(problems.map((p) => p.code))}`);
  return found[0];
};

describe('resolver problems: references', () => {
  test("unknown network: libvirt's start error, with a did-you-mean, on the network name", () => {
    const { resolved, docs } = resolve(`<interface type='network'>${mac}<source network='defualt'/></interface>`, {
      'default.xml': network('default', ''),
      'other.xml': network('isolated', ''),
    });
    const problem = only(resolved.problems, 'unknown-network');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.message, "Network not found: no network with matching name 'defualt' (did you mean 'default'?)");
    assert.deepEqual(problem.suggestions, ['default']);
    assert.equal(problem.uri, uriOf('domain.xml'));
    assert.equal(slice(docs['domain.xml'].xml.text, problem.range), 'defualt');
    assert.equal(resolved.network, undefined);
    assert.equal(resolved.type, 'network');
    assert.ok(resolved.notes.some((n) => /not known/.test(n)));
  });

  test('unknown network with nothing close: no suggestion', () => {
    const { resolved } = resolve(`<interface type='network'><source network='zzz'/></interface>`, { 'default.xml': network('default', '') });
    const problem = only(resolved.problems, 'unknown-network');
    assert.equal(problem.message, "Network not found: no network with matching name 'zzz'");
    assert.deepEqual(problem.suggestions, []);
  });

  test('an unknown network with a portgroup: only the unknown network, no misplaced-portgroup warning', () => {
    const { resolved } = resolve(`<interface type='network'><source network='zzz' portgroup='pg'/></interface>`);
    assert.deepEqual(
      resolved.problems.map((p) => p.code),
      ['unknown-network'],
    );
  });

  test("missing network attribute / missing source: libvirt's parse errors; an empty name is not found at start", () => {
    const noAttr = resolve(`<interface type='network'><source portgroup='x'/></interface>`).resolved;
    assert.equal(only(noAttr.problems, 'missing-network-name').message, "XML error: Missing required attribute 'network' in element 'source'");
    // virXMLPropStringRequired keeps an empty name: define passes, the start finds no network '' (libvirt 9.0.0).
    const empty = resolve(`<interface type='network'><source network=''/></interface>`).resolved;
    assert.equal(only(empty.problems, 'unknown-network').message, "Network not found: no network with matching name ''");
    const noSource = resolve(`<interface type='network'>${mac}</interface>`).resolved;
    assert.equal(only(noSource.problems, 'missing-network-name').message, "XML error: interface type='network' requires a 'source' element");
  });

  test('portgroup on an interface that is not type network: a warning on the portgroup value', () => {
    const { resolved, docs } = resolve(`<interface type='bridge'><source bridge='br0' portgroup='pg'/></interface>`);
    const problem = only(resolved.problems, 'portgroup-on-non-network-interface');
    assert.equal(problem.severity, 'warning');
    assert.equal(slice(docs['domain.xml'].xml.text, problem.range), 'pg');
    assert.match(problem.message, /libvirt ignores it on type 'bridge'/);
  });
});

describe('resolver problems: floor (networkCheckBandwidth)', () => {
  const floorIface = (network_: string) =>
    `<interface type='network'>${mac}<source network='${network_}'/><bandwidth><inbound average='100' floor='50'/></bandwidth></interface>`;

  test('floor on a bridge network: only nat/route/open/none support it', () => {
    const { resolved, docs } = resolve(floorIface('br'), { 'br.xml': network('br', `  <forward mode='bridge'/>\n  <bridge name='br0'/>`) });
    const problem = only(resolved.problems, 'floor-unsupported-for-interface');
    assert.equal(
      problem.message,
      "Operation not supported: Invalid use of 'floor' on interface with MAC address 52:54:00:00:00:01 - 'floor' is only supported for interface type 'network' with forward type 'nat', 'route', 'open' or none",
    );
    assert.equal(slice(docs['domain.xml'].xml.text, problem.range), '50');
  });

  test('floor on a nat network without inbound QoS', () => {
    const { resolved } = resolve(floorIface('lan'), { 'lan.xml': network('lan', `  <forward mode='nat'/>`) });
    assert.equal(
      only(resolved.problems, 'floor-needs-network-inbound').message,
      "Operation not supported: Invalid use of 'floor' on interface with MAC address 52:54:00:00:00:01 - network 'lan' has no inbound QoS set",
    );
  });

  test('floor on a nat network with inbound QoS is fine; floor 0 is no floor', () => {
    const qos = network('lan', `  <forward mode='nat'/>\n  <bandwidth><inbound average='1000'/></bandwidth>`);
    assert.deepEqual(resolve(floorIface('lan'), { 'lan.xml': qos }).resolved.problems, []);
    const zero = `<interface type='network'>${mac}<source network='br'/><bandwidth><inbound average='100' floor='0'/></bandwidth></interface>`;
    assert.deepEqual(resolve(zero, { 'br.xml': network('br', `  <forward mode='bridge'/>\n  <bridge name='br0'/>`) }).resolved.problems, []);
  });

  test('a floor inherited from a portgroup is reported on the interface, pointing at the network file', () => {
    const text = network(
      'br',
      `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='pg'><bandwidth><inbound average='10' floor='5'/></bandwidth></portgroup>`,
    );
    const { resolved, docs } = resolve(`<interface type='network'>${mac}<source network='br' portgroup='pg'/></interface>`, { 'br.xml': text });
    const problem = only(resolved.problems, 'floor-unsupported-for-interface');
    assert.match(problem.message, / \(the value comes from portgroup 'pg'\)$/);
    assert.equal(problem.uri, uriOf('domain.xml'));
    assert.equal(slice(docs['domain.xml'].xml.text, problem.range), 'source');
    assert.equal(problem.related![0].uri, uriOf('br.xml'));
    assert.equal(slice(text, problem.related![0].range), '5');
  });

  test('the MAC in messages is printed the way libvirt prints it', () => {
    const { resolved } = resolve(
      `<interface type='network'><mac address='52:54:0:AB:c:1'/><source network='lan'/><bandwidth><inbound floor='5'/></bandwidth></interface>`,
      {
        'lan.xml': network('lan', `  <forward mode='nat'/>`),
      },
    );
    assert.match(only(resolved.problems, 'floor-needs-network-inbound').message, /MAC address 52:54:00:ab:0c:01 /);
  });
});

describe('resolver problems: checks on the allocated device (virDomainActualNetDefValidate)', () => {
  test('vlan on a nat network: not supported for this connection type', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/><vlan><tag id='5'/></vlan></interface>`, {
      'lan.xml': network('lan', `  <forward mode='nat'/>`),
    });
    assert.equal(
      only(resolved.problems, 'vlan-unsupported').message,
      'unsupported configuration: interface 52:54:00:00:00:01 - vlan tag not supported for this connection type',
    );
  });

  test('vlan on a plain Linux bridge network (no openvswitch)', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='br'/><vlan><tag id='5'/></vlan></interface>`, {
      'br.xml': network('br', `  <forward mode='bridge'/>\n  <bridge name='br0'/>`),
    });
    only(resolved.problems, 'vlan-unsupported');
  });

  test('vlan is fine on hostdev, passthrough, and openvswitch bridges', () => {
    const vlanIface = (n: string) => `<interface type='network'>${mac}<source network='${n}'/><vlan><tag id='5'/></vlan></interface>`;
    const fine = {
      'hd.xml': network('hd', `  <forward mode='hostdev'>\n    <address type='pci' domain='0' bus='1' slot='2' function='3'/>\n  </forward>`),
      'pt.xml': network('pt', `  <forward mode='passthrough'>\n    <interface dev='eth0'/>\n  </forward>`),
      'ovs.xml': network('ovs', `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>`),
    };
    for (const name of ['hd', 'pt', 'ovs']) {
      assert.deepEqual(
        resolve(vlanIface(name), fine).resolved.problems.map((p) => p.code),
        [],
        name,
      );
    }
  });

  test('vlan on vepa (macvtap, not passthrough) is refused', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='v'/><vlan><tag id='5'/></vlan></interface>`, {
      'v.xml': network('v', `  <forward mode='vepa'>\n    <interface dev='eth0'/>\n  </forward>`),
    });
    only(resolved.problems, 'vlan-unsupported');
  });

  test('a vlan inherited from the network: reported on the interface with a related location in the network file', () => {
    const text = network('lan', `  <forward mode='nat'/>\n  <vlan><tag id='9'/></vlan>`);
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/></interface>`, { 'lan.xml': text });
    const problem = only(resolved.problems, 'vlan-unsupported');
    assert.match(problem.message, /\(the value comes from network 'lan'\)$/);
    assert.equal(problem.related![0].uri, uriOf('lan.xml'));
    assert.match(slice(text, problem.related![0].range)!, /^<vlan>/);
  });

  test('bandwidth on a hostdev interface', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='hd'/><bandwidth><inbound average='5'/></bandwidth></interface>`, {
      'hd.xml': network('hd', `  <forward mode='hostdev'>\n    <address type='pci' domain='0' bus='1' slot='2' function='3'/>\n  </forward>`),
    });
    assert.ok(
      resolved.problems.some(
        (p) => p.message === 'unsupported configuration: interface 52:54:00:00:00:01 - bandwidth settings are not supported for hostdev interfaces',
      ),
    );
  });

  test("port isolated='yes' on a direct interface, and with a typed virtualport", () => {
    const direct = resolve(`<interface type='network'>${mac}<source network='v'/><port isolated='yes'/></interface>`, {
      'v.xml': network('v', `  <forward mode='vepa'>\n    <interface dev='eth0'/>\n  </forward>`),
    }).resolved;
    assert.ok(
      direct.problems.some(
        (p) =>
          p.message ===
          "unsupported configuration: interface 52:54:00:00:00:01 - <port isolated='yes'/> is not supported for network interfaces with type='direct'",
      ),
    );
    const ovs = resolve(`<interface type='network'>${mac}<source network='ovs'/><port isolated='yes'/></interface>`, {
      'ovs.xml': network('ovs', `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>`),
    }).resolved;
    assert.ok(
      ovs.problems.some(
        (p) =>
          p.message ===
          "unsupported configuration: interface 52:54:00:00:00:01 - <port isolated='yes'/> is not supported for network interfaces with virtualport type='openvswitch'",
      ),
    );
    const fine = resolve(`<interface type='network'>${mac}<source network='lan'/><port isolated='yes'/></interface>`, {
      'lan.xml': network('lan', `  <forward mode='nat'/>`),
    }).resolved;
    assert.deepEqual(fine.problems, []);
  });
});

describe('resolver problems: incomplete virtualport (virNetDevVPortProfileCheckComplete, found by the libvirt oracle)', () => {
  const vepa = (body: string) => network('v', `  <forward mode='vepa'>\n    <interface dev='eth0'/>\n  </forward>\n${body}`);
  const halfQbg = `  <virtualport type='802.1Qbg'><parameters managerid='11' typeid='1193047'/></virtualport>`;
  const otherHalf = `<virtualport><parameters typeidversion='2'/></virtualport>`;

  test("a network's half 802.1Qbg profile without the portgroup that completes it: libvirt's 'missing typeidversion'", () => {
    const text = vepa(`${halfQbg}\n  <portgroup name='pg-a' default='yes'>${otherHalf}</portgroup>`);
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='v' portgroup='pg-A'/></interface>`, { 'v.xml': text });
    const problem = only(resolved.problems, 'virtualport-incomplete');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.message, "XML error: missing typeidversion in <virtualport type='802.1Qbg'> (the value comes from network 'v')");
    assert.equal(problem.related![0].uri, uriOf('v.xml'));
    assert.equal(slice(text, problem.related![0].range), '802.1Qbg');
  });

  test('completed by the chosen portgroup: no problem; instanceid is generated, never missing', () => {
    const text = vepa(`${halfQbg}\n  <portgroup name='pg-a' default='yes'>${otherHalf}</portgroup>`);
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='v'/></interface>`, { 'v.xml': text });
    assert.deepEqual(resolved.problems, []);
    assert.match(formatStatusXml(resolved), /<parameters managerid='11' typeid='1193047' typeidversion='2' instanceid='…'\/>/);
  });

  test('802.1Qbh needs a profileid; openvswitch gets its interfaceid generated', () => {
    const qbh = resolve(`<interface type='network'>${mac}<source network='v'/><virtualport type='802.1Qbh'/></interface>`, { 'v.xml': vepa('') }).resolved;
    assert.equal(only(qbh.problems, 'virtualport-incomplete').message, "XML error: missing profileid in <virtualport type='802.1Qbh'>");
    const ovs = resolve(`<interface type='network'>${mac}<source network='ovs'/></interface>`, {
      'ovs.xml': network('ovs', `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>`),
    }).resolved;
    assert.deepEqual(ovs.problems, []);
  });

  test('a virtualport type the network refuses is reported once, not also as incomplete (libvirt stops at the type)', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/><virtualport type='802.1Qbh'/></interface>`, {
      'lan.xml': network('lan', `  <forward mode='nat'/>`),
    });
    assert.deepEqual(
      resolved.problems.map((p) => p.code),
      ['virtualport-type-unsupported'],
    );
  });
});

describe('resolveDocument', () => {
  test('one result per interface, in order; none for a network', () => {
    const { index, docs } = indexOf({
      'lan.xml': network('lan', `  <forward mode='nat'/>`),
      'd.xml': `<domain><devices><interface type='network'><source network='lan'/></interface><interface type='user'/></devices></domain>`,
    });
    const results = resolveDocument(docs['d.xml'], index);
    assert.deepEqual(
      results.map((r) => [r.iface.index, r.type]),
      [
        [0, 'network'],
        [1, 'user'],
      ],
    );
    assert.deepEqual(resolveDocument(docs['lan.xml'], index), []);
    for (const r of results) assert.doesNotThrow(() => formatStatusXml(r));
  });
});
