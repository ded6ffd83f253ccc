import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isLibvirtRootName, sniffRootElementName } from '../../../protocol/src/libvirtRoot';
import { parseLibvirtDocument } from './libvirtDocument';
import { domainOf, networkOf, slice } from '../testing';

const text = `<domain type='kvm'>
  <name>web01</name>
  <devices>
    <disk type='file'><target dev='vda'/></disk>
    <interface type='network' trustGuestRxFilters="yes">
      <mac address='52:54:00:7e:20:01'/>
      <source network='default' portgroup='premium' portid='x'/>
      <target dev='vnet7'/>
      <model type='virtio'/>
      <bandwidth>
        <inbound average='2000' floor='1000'/>
      </bandwidth>
      <vlan><tag id='5'/></vlan>
      <virtualport type='802.1Qbg'><parameters managerid='11' instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport>
      <port isolated='no'/>
      <tag name='frontend'/>
      <driver name='vhost' queues='4'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </interface>
    <interface type='bridge'>
      <source bridge='br0'/>
    </interface>
  </devices>
</domain>
`;

describe('model: domain reader', () => {
  const domain = domainOf(parseLibvirtDocument('file:///d.xml', text));

  test('name and type', () => {
    assert.equal(domain.name!.value, 'web01');
    assert.equal(slice(text, domain.name!.range), 'web01');
    assert.equal(domain.domainType!.value, 'kvm');
  });

  test('every <interface> of <devices>, in order, with its index (other devices ignored)', () => {
    assert.equal(domain.interfaces.length, 2);
    assert.deepEqual(
      domain.interfaces.map((i) => [i.index, i.type!.value]),
      [
        [0, 'network'],
        [1, 'bridge'],
      ],
    );
  });

  test('interface fields keep their values and ranges', () => {
    const iface = domain.interfaces[0];
    assert.equal(iface.trustGuestRxFilters!.value, 'yes');
    assert.equal(iface.mac!.value, '52:54:00:7e:20:01');
    assert.equal(slice(text, iface.mac!.range), '52:54:00:7e:20:01');
    const source = iface.source!;
    assert.deepEqual([...source.attributes.keys()], ['network', 'portgroup', 'portid']);
    assert.equal(slice(text, source.attributes.get('portgroup')!.range), 'premium');
    assert.equal(iface.target!.value, 'vnet7');
    assert.equal(iface.model!.value, 'virtio');
    assert.equal(iface.bandwidth!.inbound!.floor!.value, '1000');
    assert.equal(slice(text, iface.bandwidth!.inbound!.floor!.range), '1000');
    assert.equal(iface.bandwidth!.outbound, undefined);
    assert.deepEqual(
      iface.vlan!.tags.map((t) => t.id!.value),
      ['5'],
    );
    assert.equal(iface.virtualPort!.type!.value, '802.1Qbg');
    assert.equal(iface.virtualPort!.parameters.managerid!.value, '11');
    assert.equal(iface.portIsolated!.value, 'no');
    assert.deepEqual(
      iface.tags.map((t) => t.name!.value),
      ['frontend'],
    );
  });

  test('children the model does not interpret are kept as written', () => {
    const iface = domain.interfaces[0];
    assert.deepEqual(
      iface.otherChildren.map((c) => c.name),
      ['driver', 'address'],
    );
    const driver = iface.otherChildren[0];
    assert.deepEqual(
      driver.attributes.map((a) => [a.name, a.value]),
      [
        ['name', 'vhost'],
        ['queues', '4'],
      ],
    );
  });

  test('a domain without devices has no interfaces', () => {
    assert.deepEqual(domainOf(parseLibvirtDocument('file:///e.xml', '<domain><name>e</name></domain>')).interfaces, []);
  });

  test('a duplicated source attribute: the first wins (libxml2 lookup order)', () => {
    const d = domainOf(
      parseLibvirtDocument('file:///dup.xml', `<domain><devices><interface type='network'><source network='a' network='b'/></interface></devices></domain>`),
    );
    assert.equal(d.interfaces[0].source!.attributes.get('network')!.value, 'a');
  });
});

describe('model: document kinds', () => {
  test('network, domain and networkport roots are recognised; anything else has no object', () => {
    assert.equal(parseLibvirtDocument('u', '<network/>').object?.kind, 'network');
    assert.equal(parseLibvirtDocument('u', '<domain/>').object?.kind, 'domain');
    const port = parseLibvirtDocument('u', '<networkport><group>pg</group></networkport>').object;
    assert.equal(port?.kind, 'networkport');
    assert.equal(port?.kind === 'networkport' && port.group?.value, 'pg');
    assert.equal(parseLibvirtDocument('u', '<pom><network/></pom>').object, undefined);
    assert.equal(parseLibvirtDocument('u', '').object, undefined);
    assert.equal(parseLibvirtDocument('u', 'not xml at all').object, undefined);
  });

  test('sniffRootElementName skips the prolog, comments and DOCTYPE', () => {
    assert.equal(sniffRootElementName(`<?xml version='1.0'?>\n<!-- <domain> -->\n<!DOCTYPE x>\n<network>`), 'network');
    assert.equal(sniffRootElementName('  <domain type="kvm">'), 'domain');
    assert.equal(sniffRootElementName('<network/>'), 'network');
    assert.equal(sniffRootElementName('no markup'), undefined);
    assert.equal(sniffRootElementName('<?xml never closed'), undefined);
    assert.equal(sniffRootElementName('<!-- never closed'), undefined);
    // Text before the root: not a root at all (the client's rule, now shared; it used to read '\u0002').
    assert.equal(sniffRootElementName('\u0000\u0001<\u0002'), undefined);
  });

  test('sniffRootElementName gives up on endless comments without hanging', { timeout: 10_000 }, () => {
    // The root lies past the 64 KiB it reads: not found, rather than a scan of the whole text.
    assert.equal(sniffRootElementName('<!-- x -->'.repeat(100_000) + '<network/>'), undefined);
  });

  test('isLibvirtRootName', () => {
    assert.equal(isLibvirtRootName('network'), true);
    assert.equal(isLibvirtRootName('domain'), true);
    assert.equal(isLibvirtRootName('networkport'), true);
    assert.equal(isLibvirtRootName('pool'), true);
    assert.equal(isLibvirtRootName('filter'), true);
    assert.equal(isLibvirtRootName('capabilities'), false);
    assert.equal(isLibvirtRootName('__proto__'), false);
    assert.equal(isLibvirtRootName('constructor'), false);
    assert.equal(isLibvirtRootName(undefined), false);
  });

  test('hostile names in the model stay data', () => {
    const n = networkOf(
      parseLibvirtDocument(
        'u',
        `<network __proto__='x'><name>__proto__</name><portgroup name='constructor' default='yes'/><virtualport type='openvswitch'><parameters __proto__='p' interfaceid='i'/></virtualport></network>`,
      ),
    );
    assert.equal(n.name!.value, '__proto__');
    assert.equal(n.portGroups[0].name!.value, 'constructor');
    assert.deepEqual(Object.keys(n.virtualPort!.parameters), ['interfaceid']);
    assert.equal(Object.getPrototypeOf(n.virtualPort!.parameters), Object.prototype);
    assert.equal(({} as Record<string, unknown>).p, undefined);
  });
});

describe('model: pools, volumes, filters and the domain references to them', () => {
  test('a volume disk and an interface filterref', () => {
    const domain = domainOf(
      parseLibvirtDocument(
        'u',
        `<domain><devices><disk type='file'/><disk type='volume' device='lun'><source pool='p' volume='v' mode='host'/><target dev='sda'/></disk>
        <interface type='bridge'><filterref filter='f'><parameter name='IP' value='10.0.0.1'/></filterref></interface></devices></domain>`,
      ),
    );
    assert.deepEqual(
      domain.volumeDisks.map((d) => [d.device?.value, d.pool?.value, d.volume?.value, d.mode?.value, d.target?.value]),
      [['lun', 'p', 'v', 'host', 'sda']],
    );
    const ref = domain.interfaces[0].filterRef;
    assert.equal(ref?.filter?.value, 'f');
    assert.deepEqual(
      ref?.parameters.map((p) => [p.name?.value, p.value?.value]),
      [['IP', '10.0.0.1']],
    );
  });

  test('a filter: rules with their variables and filterrefs, in document order', () => {
    const filter = parseLibvirtDocument(
      'u',
      `<filter name='f' chain='ipv4' priority='-700'><rule action='accept' direction='in'><tcp srcipaddr='$IP' dstportstart='80'/><ip dstipaddr='$DEST[@1]'/></rule><filterref filter='g'/></filter>`,
    ).object;
    assert.equal(filter?.kind, 'filter');
    if (filter?.kind !== 'filter') return;
    assert.deepEqual([filter.name?.value, filter.chain?.value, filter.priority?.value], ['f', 'ipv4', '-700']);
    assert.deepEqual(
      filter.entries.map((e) => (e.kind === 'rule' ? e.rule.variables.map((v) => v.value) : e.ref.filter?.value)),
      [['IP', 'DEST[@1]'], 'g'],
    );
  });

  test('a pool and a volume', () => {
    const pool = parseLibvirtDocument('u', `<pool type='dir'><name>p</name><target><path>/images</path></target></pool>`).object;
    assert.deepEqual(pool?.kind === 'pool' && [pool.name?.value, pool.poolType?.value, pool.targetPath?.value], ['p', 'dir', '/images']);
    const volume = parseLibvirtDocument('u', `<volume type='file'><name>v</name><target><path>/images/v</path><format type='qcow2'/></target></volume>`).object;
    assert.deepEqual(volume?.kind === 'volume' && [volume.name?.value, volume.volumeType?.value, volume.targetPath?.value, volume.format?.value], [
      'v',
      'file',
      '/images/v',
      'qcow2',
    ]);
  });
});
