import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { agreesAtRunTime, compareWithLive, type RunTimeAgreement } from './liveComparison';
import { network, resolve } from '../testing';

/*
 * Live <interface> elements as libvirt 9.0.0 prints them (`virsh dumpxml` of a running QEMU
 * domain on this project's oracle host): the first three are verbatim; the openvswitch one
 * (no Open vSwitch on that host) is written in the same format (virDomainNetDefFormat: mac,
 * source, vlan, virtualport, bandwidth, port, target, model, alias, address).
 */

const bridgeNetwork = network(
  'lan',
  `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='gold' trustGuestRxFilters='yes'/>\n  <portgroup name='plain' default='yes'/>`,
);
const poolNetwork = network('pool', `  <forward mode='bridge'>\n    <interface dev='ordev0'/>\n    <interface dev='ordev1'/>\n  </forward>`);
const networks = { 'lan.xml': bridgeNetwork, 'pool.xml': poolNetwork };

const goldInterface = `<interface type='network'>
  <mac address='52:54:00:aa:00:01'/>
  <source network='lan' portgroup='gold'/>
  <model type='virtio'/>
</interface>`;
const goldLive = `<interface type='bridge'>
      <mac address='52:54:00:aa:00:01'/>
      <source network='lan' portgroup='gold' portid='b34aa3cb-1559-4701-a54d-93c3c500e10d' bridge='br0'/>
      <target dev='vnet0'/>
      <model type='virtio'/>
      <alias name='net0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </interface>`;

const poolInterface = `<interface type='network'>
  <mac address='52:54:00:aa:00:02'/>
  <source network='pool'/>
  <model type='e1000'/>
</interface>`;
const poolLive = `<interface type='direct'>
      <mac address='52:54:00:aa:00:02'/>
      <source network='pool' portid='d1102fc1-8c05-47f0-a0fe-3e2cb3c95729' dev='ordev0' mode='bridge'/>
      <target dev='macvtap0'/>
      <model type='e1000'/>
      <alias name='net1'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </interface>`;

const isolatedInterface = `<interface type='network'>
  <mac address='52:54:00:aa:00:04'/>
  <source network='lan'/>
  <port isolated='yes'/>
</interface>`;
const isolatedLive = `<interface type='bridge'>
      <mac address='52:54:00:aa:00:04'/>
      <source network='lan' portid='f61e6493-eae6-4bdb-b9e6-e49a1b705884' bridge='br0'/>
      <port isolated='yes'/>
      <target dev='vnet2'/>
      <model type='rtl8139'/>
      <alias name='net3'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </interface>`;

const ovsNetwork = network(
  'ovs',
  `  <forward mode='bridge'/>
  <bridge name='ovsbr0'/>
  <virtualport type='openvswitch'/>
  <portgroup name='blue'>
    <vlan trunk='yes'><tag id='42'/><tag id='47'/></vlan>
    <virtualport><parameters profileid='blue-profile'/></virtualport>
    <bandwidth><inbound average='1000' peak='5000' burst='1024'/></bandwidth>
  </portgroup>`,
);
const ovsInterface = `<interface type='network'>
  <mac address='52:54:00:cc:00:01'/>
  <source network='ovs' portgroup='blue'/>
  <model type='virtio'/>
</interface>`;
const ovsLive = `<interface type='bridge'>
      <mac address='52:54:00:cc:00:01'/>
      <source network='ovs' portgroup='blue' portid='5d8a3d6e-2b7e-4f53-9d3c-0a7f6a0f6c11' bridge='ovsbr0'/>
      <vlan trunk='yes'>
        <tag id='42'/>
        <tag id='47'/>
      </vlan>
      <virtualport type='openvswitch'>
        <parameters interfaceid='3a1f0c52-7d4e-4a3b-8a43-6c0e1f2d9b77' profileid='blue-profile'/>
      </virtualport>
      <bandwidth>
        <inbound average='1000' peak='5000' burst='1024'/>
      </bandwidth>
      <target dev='vnet7'/>
      <model type='virtio'/>
      <alias name='net0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </interface>`;

function compare(interfaceXml: string, live: string, files: Record<string, string> = networks, rule?: RunTimeAgreement) {
  return compareWithLive(resolve(interfaceXml, files).resolved, live, rule ? { runTimeAgreement: rule } : {});
}

describe('compareWithLive: agreement', () => {
  test('a bridge network with a named portgroup: the prediction is the live interface', () => {
    assert.deepEqual(compare(goldInterface, goldLive), []);
  });

  test("the interface's own port isolation; the default portgroup libvirt applies is not printed", () => {
    assert.deepEqual(compare(isolatedInterface.replace('</interface>', "<model type='rtl8139'/></interface>"), isolatedLive), []);
  });

  test('openvswitch: trunk vlan, merged virtualport with a generated interfaceid, bandwidth', () => {
    assert.deepEqual(compare(ovsInterface, ovsLive, { 'ovs.xml': ovsNetwork }), []);
  });
});

describe('compareWithLive: run-time values', () => {
  test('target, alias, address and the port UUID may be anything', () => {
    const renamed = goldLive
      .replace("dev='vnet0'", "dev='vnet42'")
      .replace("name='net0'", "name='ua-net'")
      .replace("slot='0x02'", "slot='0x09'")
      .replace(/portid='[^']*'/, "portid='00000000-0000-0000-0000-000000000000'");
    assert.deepEqual(compare(goldInterface, renamed), []);
  });

  test('a target, alias or address only one side has is no difference either', () => {
    const bare = goldLive.replace(/\s*<(target|alias|address)\b[^>]*\/>/g, '');
    assert.deepEqual(compare(goldInterface, bare), []);
  });

  test('an interface without a MAC agrees with the one libvirt generated', () => {
    assert.deepEqual(compare(goldInterface.replace(/\s*<mac [^>]*\/>/, ''), goldLive), []);
  });

  test('an interface virtualport id libvirt generates agrees with any id, but not with none', () => {
    const withoutId = ovsLive.replace(/interfaceid='[^']*' /, '');
    assert.deepEqual(compare(ovsInterface, withoutId, { 'ovs.xml': ovsNetwork }), [
      { field: 'virtualport/parameters@interfaceid', predicted: '…', live: '(absent)' },
    ]);
  });

  test('a pool device: any of the pool on a real host, not a device outside it', () => {
    assert.deepEqual(compare(poolInterface, poolLive), []);
    assert.deepEqual(compare(poolInterface, poolLive.replace("dev='ordev0'", "dev='ordev1'")), []);
    assert.deepEqual(compare(poolInterface, poolLive.replace("dev='ordev0'", "dev='ordev3'")), [
      { field: 'source@dev', predicted: '… (one of ordev0, ordev1)', live: 'ordev3' },
    ]);
  });

  test('a hostdev VF picked from a pool when the domain starts: its whole PCI address', () => {
    const sriov = network(
      'sriov',
      `  <forward mode='hostdev' managed='yes'>\n    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>\n    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x2'/>\n  </forward>`,
    );
    const own = `<interface type='network'><mac address='52:54:00:00:00:05'/><source network='sriov'/></interface>`;
    const live = `<interface type='hostdev' managed='yes'>
      <mac address='52:54:00:00:00:05'/>
      <driver name='vfio'/>
      <source>
        <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x2'/>
      </source>
      <alias name='hostdev0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </interface>`;
    assert.deepEqual(compare(own, live, { 'sriov.xml': sriov }), []);
    assert.deepEqual(compare(own, live.replace(/\s*<address type='pci' domain='0x0000' bus='0x03'[^>]*\/>/, ''), { 'sriov.xml': sriov }), [
      { field: 'source/address', predicted: "<address type='pci' domain='…'/>", live: '(absent)' },
    ]);
  });

  test('a stricter rule (a fresh pool gives its first device) is the caller’s to give, and sees the field', () => {
    const fields: string[] = [];
    const firstOfPool: RunTimeAgreement = (predicted, live, field) => {
      fields.push(field);
      return predicted.candidates ? predicted.candidates[0] === live : agreesAtRunTime(predicted, live);
    };
    assert.deepEqual(compare(poolInterface, poolLive, networks, firstOfPool), []);
    assert.deepEqual(fields, ['source@dev']);
    assert.deepEqual(compare(poolInterface, poolLive.replace("dev='ordev0'", "dev='ordev1'"), networks, firstOfPool), [
      { field: 'source@dev', predicted: '… (one of ordev0, ordev1)', live: 'ordev1' },
    ]);
  });
});

describe('compareWithLive: differences, field by field', () => {
  test('an attribute changed', () => {
    assert.deepEqual(compare(goldInterface, goldLive.replace("portgroup='gold'", "portgroup='plain'")), [
      { field: 'source@portgroup', predicted: 'gold', live: 'plain' },
    ]);
  });

  test('an attribute only one side has', () => {
    assert.deepEqual(
      compare(
        goldInterface,
        goldLive.replace(" portgroup='gold'", '').replace("<interface type='bridge'>", "<interface type='bridge' trustGuestRxFilters='yes'>"),
      ),
      [
        { field: 'interface@trustGuestRxFilters', predicted: '(absent)', live: 'yes' },
        { field: 'source@portgroup', predicted: 'gold', live: '(absent)' },
      ],
    );
  });

  test('the running type', () => {
    assert.deepEqual(compare(goldInterface, goldLive.replace("<interface type='bridge'>", "<interface type='network'>")), [
      { field: 'interface@type', predicted: 'bridge', live: 'network' },
    ]);
  });

  test('an element libvirt added: the default model (qemuDomainDefaultNetModel) of an interface that names none', () => {
    assert.deepEqual(compare(isolatedInterface, isolatedLive), [{ field: 'model', predicted: '(absent)', live: "<model type='rtl8139'/>" }]);
  });

  test('an element missing live', () => {
    assert.deepEqual(compare(isolatedInterface.replace('</interface>', "<model type='rtl8139'/></interface>"), isolatedLive.replace(/\s*<port [^>]*\/>/, '')), [
      { field: 'port', predicted: "<port isolated='yes'/>", live: '(absent)' },
    ]);
  });

  test('nested attributes: bandwidth, one vlan tag of several, a virtualport parameter', () => {
    const live = ovsLive.replace("average='1000'", "average='2000'").replace("<tag id='47'/>", "<tag id='48'/>").replace('blue-profile', 'red-profile');
    assert.deepEqual(compare(ovsInterface, live, { 'ovs.xml': ovsNetwork }), [
      { field: 'vlan/tag[1]@id', predicted: '47', live: '48' },
      { field: 'virtualport/parameters@profileid', predicted: 'blue-profile', live: 'red-profile' },
      { field: 'bandwidth/inbound@average', predicted: '1000', live: '2000' },
    ]);
  });

  test('a repeated element one side has more of', () => {
    const live = ovsLive.replace("<tag id='47'/>", "<tag id='47'/>\n        <tag id='50'/>");
    assert.deepEqual(compare(ovsInterface, live, { 'ovs.xml': ovsNetwork }), [{ field: 'vlan/tag[2]', predicted: '(absent)', live: "<tag id='50'/>" }]);
  });

  test('a whole element with content, on one line', () => {
    const live = ovsLive.replace(/\s*<bandwidth>[\s\S]*<\/bandwidth>/, '');
    assert.deepEqual(compare(ovsInterface, live, { 'ovs.xml': ovsNetwork }), [
      { field: 'bandwidth', predicted: "<bandwidth><inbound average='1000' peak='5000' burst='1024'/></bandwidth>", live: '(absent)' },
    ]);
  });

  test('character data', () => {
    // libvirt's interface elements carry attributes only; whatever is copied as written is still compared.
    const own = goldInterface.replace('</interface>', '<description>uplink</description></interface>');
    const live = goldLive.replace('</interface>', '<description>downlink</description></interface>');
    assert.deepEqual(compare(own, live), [{ field: 'description/text()', predicted: 'uplink', live: 'downlink' }]);
  });

  test('a label names the interface in every field', () => {
    const { resolved } = resolve(goldInterface, networks);
    const live = goldLive.replace("portgroup='gold'", "portgroup='plain'").replace("type='bridge'", "type='network'");
    assert.deepEqual(compareWithLive(resolved, live, { label: "interface[mac='52:54:00:aa:00:01']" }), [
      { field: "interface[mac='52:54:00:aa:00:01']@type", predicted: 'bridge', live: 'network' },
      { field: "interface[mac='52:54:00:aa:00:01']/source@portgroup", predicted: 'gold', live: 'plain' },
    ]);
  });
});

describe('compareWithLive: live text that is not an <interface>', () => {
  const { resolved } = resolve(goldInterface, networks);
  const predicted = "<interface type='bridge'><source network='lan' portgroup='gold' portid='…' bridge='br0'/>";

  test('an error virsh printed instead of XML', () => {
    assert.deepEqual(compareWithLive(resolved, "error: failed to get domain 'vm'"), [
      { field: 'interface', predicted, live: "not well-formed XML (line 1, column 1: char 'e' is not expected.)" },
    ]);
  });

  test('output cut short, and no output at all', () => {
    const [cut] = compareWithLive(resolved, goldLive.slice(0, 120));
    assert.equal(cut.field, 'interface');
    assert.match(cut.live, /^not well-formed XML \(line \d+, column \d+: .+\)$/);
    const [empty] = compareWithLive(resolved, '');
    assert.match(empty.live, /^not well-formed XML/);
  });

  test('a deeply nested live element is shown cut short, not walked to the bottom', () => {
    const deep = '<x>'.repeat(100_000) + '</x>'.repeat(100_000);
    const [difference] = compareWithLive(resolved, goldLive.replace('</interface>', `<driver name='vhost'>${deep}</driver></interface>`));
    assert.equal(difference.field, 'driver');
    assert.ok(difference.live.length < 200, difference.live);
  });

  test('another element', () => {
    assert.deepEqual(compareWithLive(resolved, "<domain type='qemu'><name>vm</name></domain>"), [
      { field: 'interface', predicted, live: '<domain>, not <interface>' },
    ]);
  });
});
