import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtDocument } from './libvirtDocument';
import { networkOf, slice } from '../testing';

const text = `<network trustGuestRxFilters='yes'>
  <name>mynet</name>
  <uuid>5b0e2d1c-7f3a-4c8e-9a61-2d4f8e7b1c03</uuid>
  <forward mode="bridge" dev='eth1' managed='yes'>
    <interface dev='eth1'/>
    <interface dev="eth2"/>
    <pf dev='enp1s0'/>
    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>
  </forward>
  <bridge name='br0' macTableManager='libvirt'/>
  <virtualport type='openvswitch'>
    <parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' profileid='p1'/>
  </virtualport>
  <vlan trunk='yes'>
    <tag id='42' nativeMode='untagged'/>
    <tag id='47'/>
  </vlan>
  <bandwidth>
    <inbound average='1000' peak='5000' burst='1024'/>
    <outbound average='128'/>
  </bandwidth>
  <port isolated='yes'/>
  <tag name='wumpus'/>
  <portgroup name='xyzzy' default='yes' trustGuestRxFilters='no'>
    <tag name='xyzzytag'/>
    <vlan><tag id='7'/></vlan>
    <virtualport><parameters profileid='pg-profile'/></virtualport>
    <bandwidth><inbound average='10' floor='5'/></bandwidth>
  </portgroup>
  <portgroup name='plain'/>
</network>
`;

describe('model: network reader', () => {
  const document = parseLibvirtDocument('file:///n.xml', text, 7);
  const network = networkOf(document);

  test('document metadata', () => {
    assert.equal(document.uri, 'file:///n.xml');
    assert.equal(document.version, 7);
    assert.equal(network.kind, 'network');
    assert.equal(network.element.name, 'network');
  });

  test('name and uuid with the ranges of their text', () => {
    assert.equal(network.name!.value, 'mynet');
    assert.equal(slice(text, network.name!.range), 'mynet');
    assert.equal(network.uuid!.value, '5b0e2d1c-7f3a-4c8e-9a61-2d4f8e7b1c03');
    assert.equal(slice(text, network.uuid!.range), network.uuid!.value);
  });

  test('forward: mode, dev, managed, pool devices, pfs and PCI addresses', () => {
    const forward = network.forward!;
    assert.equal(forward.mode!.value, 'bridge');
    assert.equal(slice(text, forward.mode!.range), 'bridge');
    assert.equal(forward.dev!.value, 'eth1');
    assert.equal(forward.managed!.value, 'yes');
    assert.deepEqual(
      forward.interfaces.map((i) => i.dev!.value),
      ['eth1', 'eth2'],
    );
    assert.equal(slice(text, forward.interfaces[1].dev!.range), 'eth2');
    assert.deepEqual(
      forward.pfs.map((p) => p.dev!.value),
      ['enp1s0'],
    );
    const address = forward.addresses[0].attributes;
    assert.deepEqual([...address.keys()], ['type', 'domain', 'bus', 'slot', 'function']);
    assert.equal(address.get('slot')!.value, '0x10');
    assert.equal(slice(text, address.get('slot')!.range), '0x10');
  });

  test('bridge, virtualport, vlan, bandwidth, port isolated, tags, trustGuestRxFilters', () => {
    assert.equal(network.bridge!.name!.value, 'br0');
    assert.equal(slice(text, network.bridge!.name!.range), 'br0');
    assert.equal(network.virtualPort!.type!.value, 'openvswitch');
    assert.deepEqual(Object.keys(network.virtualPort!.parameters).sort(), ['interfaceid', 'profileid']);
    assert.equal(slice(text, network.virtualPort!.parameters.profileid!.range), 'p1');
    assert.equal(network.vlan!.trunk!.value, 'yes');
    assert.deepEqual(
      network.vlan!.tags.map((t) => [t.id?.value, t.nativeMode?.value]),
      [
        ['42', 'untagged'],
        ['47', undefined],
      ],
    );
    assert.equal(slice(text, network.vlan!.tags[1].id!.range), '47');
    assert.equal(network.bandwidth!.inbound!.average!.value, '1000');
    assert.equal(network.bandwidth!.inbound!.peak!.value, '5000');
    assert.equal(network.bandwidth!.inbound!.burst!.value, '1024');
    assert.equal(network.bandwidth!.inbound!.floor, undefined);
    assert.equal(network.bandwidth!.outbound!.average!.value, '128');
    assert.equal(network.portIsolated!.value, 'yes');
    assert.deepEqual(
      network.tags.map((t) => t.name!.value),
      ['wumpus'],
    );
    assert.equal(network.trustGuestRxFilters!.value, 'yes');
  });

  test("the network's own <tag> list does not include vlan tags", () => {
    assert.equal(network.tags.length, 1);
  });

  test('portgroups with every setting and its range', () => {
    assert.deepEqual(
      network.portGroups.map((g) => g.name!.value),
      ['xyzzy', 'plain'],
    );
    const [pg, plain] = network.portGroups;
    assert.equal(pg.isDefault!.value, 'yes');
    assert.equal(slice(text, pg.isDefault!.range), 'yes');
    assert.equal(pg.trustGuestRxFilters!.value, 'no');
    assert.deepEqual(
      pg.tags.map((t) => t.name!.value),
      ['xyzzytag'],
    );
    assert.deepEqual(
      pg.vlan!.tags.map((t) => t.id!.value),
      ['7'],
    );
    assert.equal(pg.virtualPort!.type, undefined);
    assert.equal(pg.virtualPort!.parameters.profileid!.value, 'pg-profile');
    assert.equal(pg.bandwidth!.inbound!.floor!.value, '5');
    assert.equal(slice(text, pg.bandwidth!.inbound!.floor!.range), '5');
    assert.equal(plain.isDefault, undefined);
    assert.equal(plain.bandwidth, undefined);
    assert.equal(plain.vlan, undefined);
    assert.equal(plain.virtualPort, undefined);
    assert.deepEqual(plain.tags, []);
  });

  test('a minimal network has no optional parts', () => {
    const minimal = networkOf(parseLibvirtDocument('file:///m.xml', '<network><name>m</name></network>'));
    assert.equal(minimal.forward, undefined);
    assert.equal(minimal.bridge, undefined);
    assert.equal(minimal.vlan, undefined);
    assert.equal(minimal.bandwidth, undefined);
    assert.equal(minimal.virtualPort, undefined);
    assert.deepEqual(minimal.portGroups, []);
  });

  test('a network being typed still yields its name and portgroups', () => {
    const partial = `<network>\n  <name>half</name>\n  <portgroup name='pg1'>\n  <portgroup name='pg`;
    const n = networkOf(parseLibvirtDocument('file:///p.xml', partial));
    assert.equal(n.name!.value, 'half');
    // The second portgroup nests inside the unclosed first one; the first is still read.
    assert.equal(n.portGroups[0].name!.value, 'pg1');
  });
});
