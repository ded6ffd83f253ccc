import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStatusXml } from './statusXml';
import { indexOf, network, resolve } from '../testing';
import { resolveDocument } from './resolveDocument';

/*
 * The live <interface> as `virsh dumpxml` prints it for a running domain (libvirt-facts §1.2):
 * two-space indent, single quotes, mac, source, vlan, virtualport, bandwidth, port, then target,
 * model, …, alias, address. Run-time values are '…'.
 */

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('status XML: exact text', () => {
  test('type network: inherited bandwidth normalised, port isolated, macTableManager, target before model, alias before address', () => {
    const net = network(
      'lan',
      `  <forward mode='nat'/>\n  <bridge name='virbr7' macTableManager='kernel'/>\n  <bandwidth><inbound average='1000'/></bandwidth>\n  <port isolated='yes'/>\n  <portgroup name='gold'>\n    <bandwidth>\n      <inbound average='+0100' peak='0' burst='0064'/>\n      <outbound average='0'/>\n    </bandwidth>\n  </portgroup>`,
    ).replace('<network>', "<network trustGuestRxFilters='yes'>");
    const { resolved } = resolve(
      `<interface type='network'>
        <mac address='52:54:00:AB:C:1'/>
        <source network='lan' portgroup='gold'/>
        <model type='virtio'/>
        <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
      </interface>`,
      { 'lan.xml': net },
    );
    assert.equal(
      formatStatusXml(resolved),
      lines(
        "<interface type='network'>",
        "  <mac address='52:54:00:ab:0c:01'/>",
        "  <source network='lan' portgroup='gold' portid='…' bridge='virbr7' macTableManager='kernel'/>",
        '  <bandwidth>',
        "    <inbound average='100' burst='64'/>",
        '  </bandwidth>',
        "  <port isolated='yes'/>",
        "  <target dev='…'/>",
        "  <model type='virtio'/>",
        "  <alias name='…'/>",
        "  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>",
        '</interface>',
      ),
    );
    assert.equal(resolved.trustGuestRxFilters!.value, 'yes', 'resolved from the network, though not shown on <interface>');
  });

  test("type bridge: the RFC's example (portgroup bandwidth, tags union)", () => {
    // The libvir-list RFC's network and interface (June 2014), as in examples/.
    const mynet = network(
      'mynet',
      `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <tag name='wumpus'/>\n  <portgroup name='xyzzy'>\n    <tag name='xyzzytag'/>\n    <bandwidth>\n      <inbound average='1000' peak='5000' floor='200' burst='1024'/>\n      <outbound average='128' peak='256' burst='256'/>\n    </bandwidth>\n  </portgroup>`,
    );
    const guest = `<interface type='network'>\n  <mac address='52:54:00:4a:1b:01'/>\n  <source network='mynet' portgroup='xyzzy'/>\n  <tag name='twisty'/>\n  <model type='virtio'/>\n</interface>`;
    const { resolved } = resolve(guest, { 'mynet.xml': mynet });
    assert.equal(
      formatStatusXml(resolved),
      lines(
        "<interface type='bridge'>",
        "  <mac address='52:54:00:4a:1b:01'/>",
        "  <source network='mynet' portgroup='xyzzy' portid='…' bridge='br0'/>",
        '  <bandwidth>',
        "    <inbound average='1000' peak='5000' floor='200' burst='1024'/>",
        "    <outbound average='128' peak='256' burst='256'/>",
        '  </bandwidth>',
        "  <tag name='twisty'/>",
        "  <tag name='wumpus'/>",
        "  <tag name='xyzzytag'/>",
        "  <target dev='…'/>",
        "  <model type='virtio'/>",
        "  <alias name='…'/>",
        '</interface>',
      ),
    );
  });

  test('type bridge on openvswitch: trunk vlan with native mode, merged virtualport', () => {
    const ovs = network(
      'ovs-trunk',
      `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>\n  <portgroup name='lab'>\n    <vlan trunk='yes'>\n      <tag id='100' nativeMode='untagged'/>\n      <tag id='101'/>\n      <tag id='0102'/>\n    </vlan>\n    <virtualport type='openvswitch'>\n      <parameters profileid='lab-profile'/>\n    </virtualport>\n  </portgroup>`,
    );
    const { resolved } = resolve(
      `<interface type='network'><mac address='52:54:00:7e:20:03'/><source network='ovs-trunk' portgroup='lab'/><model type='virtio'/></interface>`,
      {
        'ovs.xml': ovs,
      },
    );
    assert.equal(
      formatStatusXml(resolved),
      lines(
        "<interface type='bridge'>",
        "  <mac address='52:54:00:7e:20:03'/>",
        "  <source network='ovs-trunk' portgroup='lab' portid='…' bridge='ovsbr0'/>",
        "  <vlan trunk='yes'>",
        "    <tag id='100' nativeMode='untagged'/>",
        "    <tag id='101'/>",
        "    <tag id='102'/>",
        '  </vlan>',
        "  <virtualport type='openvswitch'>",
        "    <parameters interfaceid='…' profileid='lab-profile'/>",
        '  </virtualport>',
        "  <target dev='…'/>",
        "  <model type='virtio'/>",
        "  <alias name='…'/>",
        '</interface>',
      ),
    );
    assert.deepEqual(resolved.problems, []);
  });

  test("type direct (vepa): dev and mode, 802.1Qbg with a generated instanceid, the interface's own trustGuestRxFilters", () => {
    const vepa = network(
      'vepa1',
      `  <forward mode='vepa'>\n    <interface dev='eth1'/>\n  </forward>\n  <virtualport type='802.1Qbg'>\n    <parameters managerid='11' typeid='1193047' typeidversion='2'/>\n  </virtualport>`,
    );
    const { resolved } = resolve(
      `<interface type='network' trustGuestRxFilters='yes'><mac address='52:54:00:00:00:04'/><source network='vepa1'/></interface>`,
      { 'vepa.xml': vepa },
    );
    assert.equal(
      formatStatusXml(resolved),
      lines(
        "<interface type='direct' trustGuestRxFilters='yes'>",
        "  <mac address='52:54:00:00:00:04'/>",
        "  <source network='vepa1' portid='…' dev='eth1' mode='vepa'/>",
        "  <virtualport type='802.1Qbg'>",
        "    <parameters managerid='11' typeid='1193047' typeidversion='2' instanceid='…'/>",
        '  </virtualport>',
        "  <target dev='…'/>",
        "  <alias name='…'/>",
        '</interface>',
      ),
    );
  });

  test('type hostdev: managed, driver, PCI source, vlan; no target, no network/portid', () => {
    const sriov = network(
      'sriov',
      `  <forward mode='hostdev' managed='yes'>\n    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>\n  </forward>\n  <vlan><tag id='42'/></vlan>`,
    );
    const { resolved } = resolve(`<interface type='network'><mac address='52:54:00:00:00:05'/><source network='sriov'/></interface>`, { 'sriov.xml': sriov });
    assert.equal(
      formatStatusXml(resolved),
      lines(
        "<interface type='hostdev' managed='yes'>",
        "  <mac address='52:54:00:00:00:05'/>",
        "  <driver name='vfio'/>",
        '  <source>',
        "    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>",
        '  </source>',
        '  <vlan>',
        "    <tag id='42'/>",
        '  </vlan>',
        "  <alias name='…'/>",
        '</interface>',
      ),
    );
    assert.deepEqual(resolved.problems, []);
  });

  test('an interface of another type is shown as configured, with run-time target and alias', () => {
    const { resolved } = resolve(
      `<interface type='bridge'><mac address='52:54:00:00:00:06'/><source bridge='br0'/><model type='virtio'/><link state='up'/></interface>`,
    );
    assert.equal(
      formatStatusXml(resolved),
      lines(
        "<interface type='bridge'>",
        "  <mac address='52:54:00:00:00:06'/>",
        "  <source bridge='br0'/>",
        "  <target dev='…'/>",
        "  <model type='virtio'/>",
        "  <link state='up'/>",
        "  <alias name='…'/>",
        '</interface>',
      ),
    );
  });

  test("a configured hostdev interface keeps managed and its source's PCI address", () => {
    const { resolved } = resolve(
      `<interface type='hostdev' managed='yes'><mac address='52:54:00:00:00:07'/><source><address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></source></interface>`,
    );
    const status = formatStatusXml(resolved);
    assert.match(status, /^<interface type='hostdev' managed='yes'>\n/);
    assert.match(status, /\n {2}<source>\n {4}<address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'\/>\n {2}<\/source>\n/);
    assert.doesNotMatch(status, /<target/);
  });

  test('escaping and quoting: values with quotes, ampersands and angle brackets', () => {
    const { resolved } = resolve(`<interface type='network'><source network="a'b&amp;&lt;c"/></interface>`, {
      'n.xml': network("a'b&amp;&lt;c", `  <forward mode='nat'/>`),
    });
    assert.equal(resolved.network?.network.name?.value, "a'b&<c");
    assert.match(formatStatusXml(resolved), /<source network='a&apos;b&amp;&lt;c' portid='…' bridge='…'\/>/);
  });

  test('indent parameter shifts every line', () => {
    const { resolved } = resolve(`<interface type='bridge'><source bridge='br0'/></interface>`);
    const status = formatStatusXml(resolved, 2);
    for (const line of status.trimEnd().split('\n')) assert.match(line, /^ {4}/);
  });

  test('XML comments in copied elements are not copied; a deep junk element is elided, not recursed forever', () => {
    const deep = '<x>'.repeat(200) + '</x>'.repeat(200);
    const { resolved } = resolve(`<interface type='bridge'><source bridge='br0'/><driver name='vhost'>${deep}</driver></interface>`);
    const status = formatStatusXml(resolved);
    assert.match(status, /<!-- deeper content left out -->/);
    assert.ok(status.split('\n').length < 100);
  });
});

describe('status XML of each interface type, as virsh dumpxml shows the running domain (observed on libvirt 9.0.0)', () => {
  /** The status of every interface of a QEMU domain, as the status service resolves it (with the domain). */
  const statusOf = (osType: string, ...interfaces: string[]) => {
    const domain = `<domain type='qemu'>\n  <name>g</name>\n  <os>${osType}</os>\n  <devices>\n${interfaces.join('\n')}\n  </devices>\n</domain>\n`;
    const { index, docs } = indexOf({ 'd.xml': domain });
    return resolveDocument(docs['d.xml'], index).map((one) => formatStatusXml(one));
  };
  const x86 = "<type arch='x86_64' machine='pc'>hvm</type>";

  test('user: the default NIC model, no target; ethernet: a target', () => {
    const [user, ethernet] = statusOf(x86, "<interface type='user'/>", "<interface type='ethernet'><mac address='52:54:00:00:00:02'/></interface>");
    assert.equal(user, lines("<interface type='user'>", "  <mac address='…'/>", "  <model type='rtl8139'/>", "  <alias name='…'/>", '</interface>'));
    assert.equal(
      ethernet,
      lines(
        "<interface type='ethernet'>",
        "  <mac address='52:54:00:00:00:02'/>",
        "  <target dev='…'/>",
        "  <model type='rtl8139'/>",
        "  <alias name='…'/>",
        '</interface>',
      ),
    );
  });

  test("direct: the mode libvirt defaults to (vepa); bridge: only the bridge of the source, a known model in libvirt's spelling", () => {
    const [direct, bridge] = statusOf(
      x86,
      "<interface type='direct'><mac address='52:54:00:00:00:03'/><source dev='eth0'/></interface>",
      "<interface type='bridge'><mac address='52:54:00:00:00:04' type='static' check='no'/><source bridge='br0' network='x' portgroup='y'/><model type='VIRTIO'/></interface>",
    );
    assert.match(direct, /\n {2}<source dev='eth0' mode='vepa'\/>\n/);
    assert.match(bridge, /\n {2}<mac address='52:54:00:00:00:04' type='static' check='no'\/>\n {2}<source bridge='br0'\/>\n/);
    assert.match(bridge, /\n {2}<model type='virtio'\/>\n/);
  });

  test("an empty or 'unknown' model is none: the default applies; virtio on ARM's virt machine and on s390", () => {
    assert.match(statusOf(x86, "<interface type='user'><model type=''/></interface>")[0], /<model type='rtl8139'\/>/);
    assert.match(statusOf(x86, "<interface type='user'><model type='unknown'/></interface>")[0], /<model type='rtl8139'\/>/);
    assert.match(statusOf("<type arch='aarch64' machine='virt-7.2'>hvm</type>", "<interface type='user'/>")[0], /<model type='virtio'\/>/);
    assert.match(statusOf("<type arch='s390x'>hvm</type>", "<interface type='user'/>")[0], /<model type='virtio'\/>/);
  });

  test('an empty link state and an empty or zero MTU are not set: libvirt formats neither', () => {
    const [status] = statusOf(x86, "<interface type='bridge'><source bridge='br0'/><link state=''/><mtu size=''/></interface>");
    assert.doesNotMatch(status, /<link|<mtu/);
    const [set] = statusOf(x86, "<interface type='bridge'><source bridge='br0'/><link state='down'/><mtu size='1400'/></interface>");
    assert.match(set, /<link state='down'\/>\n {2}<mtu size='1400'\/>/);
  });

  test('a domain of another driver gets no default model', () => {
    const domain = `<domain type='xen'>\n  <name>g</name>\n  <devices>\n<interface type='bridge'><source bridge='br0'/></interface>\n  </devices>\n</domain>\n`;
    const { index, docs } = indexOf({ 'd.xml': domain });
    assert.doesNotMatch(formatStatusXml(resolveDocument(docs['d.xml'], index)[0]), /<model/);
  });
});
