import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { tagsNote } from './status';
import { manyInterfaces, network, uriOf, workspaceOf } from '../testing';
import { statusPageSize } from '../../../protocol/src/messages';
import { guestWith, mynetPath, networks } from '../testing';

const service = getLanguageService();

function statusOf(interfaceXml: string) {
  const workspace = workspaceOf({ ...networks, 'domains/guest.xml': guestWith(interfaceXml) });
  return service.getResolvedStatus(workspace.document('domains/guest.xml'), workspace.index);
}

describe('resolved status', () => {
  const status = statusOf(`    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='mynet' portgroup='xyzzy'/>
      <model type='virtio'/>
      <tag name='front'/>
    </interface>`);
  const [iface] = status.interfaces;

  it('describes the document and each interface', () => {
    assert.equal(status.kind, 'domain');
    assert.equal(status.name, 'guest');
    assert.equal(status.uri, uriOf('domains/guest.xml'));
    assert.equal(iface.index, 0);
    assert.deepEqual(iface.range.start, { line: 3, character: 4 });
    assert.equal(iface.mac, '52:54:00:aa:bb:cc');
    assert.equal(iface.network, 'mynet');
    assert.equal(iface.portgroup, 'xyzzy');
    assert.equal(iface.portgroupHow, 'named');
    assert.equal(iface.type, 'bridge');
    assert.equal(iface.forwardMode, 'bridge');
    assert.deepEqual(iface.tags, ['front', 'prod', 'web']);
    assert.equal(status.tagsNote, tagsNote);
  });

  it('carries the status XML with a link for each value, keyed by its place', () => {
    const textOf = (key: string) => {
      const link = iface.links.find((l) => l.key === key);
      assert.ok(link, `no link ${key} among ${iface.links.map((l) => l.key).join(', ')}`);
      return iface.statusXml.slice(link.start, link.end);
    };
    assert.equal(textOf('type'), 'bridge');
    assert.equal(textOf('mac.address'), '52:54:00:aa:bb:cc');
    assert.equal(textOf('source.network'), 'mynet');
    assert.equal(textOf('source.bridge'), 'br0');
    assert.equal(textOf('bandwidth.inbound.average'), '1000');
    assert.equal(textOf('bandwidth.outbound.average'), '500');
    assert.equal(textOf('vlan.0.tag.0.id'), '42');
    assert.equal(textOf('virtualport.type'), 'openvswitch');
    assert.equal(textOf('tag.web'), 'web');
    assert.equal(textOf('model'), 'model');
  });

  it('says where each value came from, as LSP locations with a label', () => {
    const mynetUri = uriOf(mynetPath);
    const { provenance } = iface;
    assert.deepEqual(provenance['type'], {
      uri: mynetUri,
      range: { start: { line: 2, character: 17 }, end: { line: 2, character: 23 } },
      level: 'network',
      ownerName: 'mynet',
      label: "network 'mynet' in networks/mynet.xml",
    });
    assert.equal(provenance['bandwidth.inbound.average'].label, "portgroup 'xyzzy' in networks/mynet.xml");
    assert.deepEqual(provenance['bandwidth.inbound.average'].range.start, { line: 8, character: 24 });
    assert.equal(provenance['source.network'].uri, uriOf('domains/guest.xml'));
    assert.equal(provenance['source.network'].label, 'this interface');
    assert.deepEqual(provenance['network'].range.start, { line: 1, character: 8 });
    assert.deepEqual(provenance['portgroup'].range.start, { line: 6, character: 19 });
    assert.equal(provenance['tag.front'].level, 'interface');
    assert.equal(provenance['tag.prod'].level, 'network');
  });

  it('gives the problems as diagnostics of the domain', () => {
    const broken = statusOf(`    <interface type='network'>
      <source network='othernet' portgroup='nope'/>
    </interface>`);
    const [only] = broken.interfaces;
    assert.equal(only.portgroupHow, 'unknown');
    assert.equal(only.portgroup, 'nope');
    assert.deepEqual(
      only.problems.map((p) => p.code),
      ['unknown-portgroup'],
    );
    assert.ok(only.notes.some((note) => note.includes("Portgroup 'nope' does not exist")));
    assert.equal(broken.tagsNote, undefined);
  });

  it('keeps a tag named like an Object property an ordinary key', () => {
    const odd = statusOf(`    <interface type='user'>
      <tag name='__proto__'/>
    </interface>`);
    const [only] = odd.interfaces;
    assert.equal(only.provenance['tag.__proto__']?.level, 'interface');
  });

  it('answers a network document with no interfaces', () => {
    const workspace = workspaceOf(networks);
    const result = service.getResolvedStatus(workspace.document(mynetPath), workspace.index);
    assert.equal(result.kind, 'network');
    assert.equal(result.name, 'mynet');
    assert.deepEqual(result.interfaces, []);
  });
});

describe('resolved status of a large domain: one page of its interfaces', () => {
  const workspace = workspaceOf({ 'net0.xml': network('net0', ''), 'domain.xml': manyInterfaces(450) });
  const domain = workspace.document('domain.xml');
  const indexes = (status: { interfaces: readonly { index: number }[] }) => status.interfaces.map((i) => i.index);

  it('holds at most statusPageSize interfaces, with the total', () => {
    const status = service.getResolvedStatus(domain, workspace.index);
    assert.equal(status.interfaces.length, statusPageSize);
    assert.equal(status.firstInterface, 0);
    assert.equal(status.totalInterfaces, 450);
    assert.deepEqual(indexes(status).slice(0, 2), [0, 1]);
  });

  it('gives the page asked for, never more than statusPageSize, and the last interfaces for a start past the end', () => {
    const second = service.getResolvedStatus(domain, workspace.index, { first: 200, max: 10 });
    assert.deepEqual(indexes(second), [200, 201, 202, 203, 204, 205, 206, 207, 208, 209]);
    assert.equal(service.getResolvedStatus(domain, workspace.index, { first: 0, max: 100_000 }).interfaces.length, statusPageSize);
    const last = service.getResolvedStatus(domain, workspace.index, { first: 400 });
    assert.deepEqual([last.firstInterface, last.interfaces.length], [400, 50]);
    const past = service.getResolvedStatus(domain, workspace.index, { first: 9999 });
    assert.deepEqual([past.firstInterface, past.interfaces.length], [449, 1]);
  });
});
