import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from './workspaceIndex';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { domainWith, network, uriOf } from '../testing';

const doc = (name: string, text: string, version = 0) => parseLibvirtDocument(uriOf(name), text, version);

const mynet = network('mynet', `  <tag name='wumpus'/>\n  <portgroup name='xyzzy'><tag name='xyzzytag'/></portgroup>\n  <portgroup name='other'/>`);
const guest = domainWith(
  `<interface type='network'><source network='mynet' portgroup='xyzzy'/><tag name='twisty'/></interface>`,
  `<interface type='network'><source network='mynet'/></interface>`,
  `<interface type='network'><source network='elsewhere'/></interface>`,
  `<interface type='bridge'><source bridge='br0'/></interface>`,
);

function fresh() {
  const index = new WorkspaceIndex();
  index.update(doc('net/mynet.xml', mynet));
  index.update(doc('dom/guest.xml', guest));
  return index;
}

describe('workspace index: lookups', () => {
  test('networks by name, portgroups, names', () => {
    const index = fresh();
    assert.equal(index.size, 2);
    assert.equal(index.network('mynet')!.uri, uriOf('net/mynet.xml'));
    assert.deepEqual(
      index.portGroups('mynet').map((g) => g.name!.value),
      ['xyzzy', 'other'],
    );
    assert.deepEqual(index.portGroups('nope'), []);
    assert.deepEqual(index.networkNames(), ['mynet']);
    assert.equal(index.network('elsewhere'), undefined);
  });

  test('interfacesUsing: every interface naming the network, optionally by portgroup', () => {
    const index = fresh();
    const uses = index.interfacesUsing('mynet');
    assert.deepEqual(
      uses.map((u) => [u.uri, u.iface.index]),
      [
        [uriOf('dom/guest.xml'), 0],
        [uriOf('dom/guest.xml'), 1],
      ],
    );
    assert.deepEqual(
      index.interfacesUsing('mynet', 'xyzzy').map((u) => u.iface.index),
      [0],
    );
    assert.deepEqual(index.interfacesUsing('mynet', 'other'), []);
    // A reference to a network nobody defines is still a reference.
    assert.deepEqual(
      index.interfacesUsing('elsewhere').map((u) => u.iface.index),
      [2],
    );
  });

  test('dependants: the domains that refer to any of the names', () => {
    const index = fresh();
    assert.deepEqual([...index.dependants(['mynet'])], [uriOf('dom/guest.xml')]);
    assert.deepEqual([...index.dependants(['elsewhere', 'mynet'])], [uriOf('dom/guest.xml')]);
    assert.deepEqual([...index.dependants(['br0'])], []);
  });

  test('tags: every name with where it is defined and on what', () => {
    const index = fresh();
    const tags = index.tags();
    assert.deepEqual([...tags.keys()], ['twisty', 'wumpus', 'xyzzytag']);
    assert.deepEqual(
      tags.get('wumpus')!.map((t) => [t.uri, t.owner, t.ownerName]),
      [[uriOf('net/mynet.xml'), 'network', 'mynet']],
    );
    assert.deepEqual(
      tags.get('xyzzytag')!.map((t) => [t.owner, t.ownerName]),
      [['portgroup', 'xyzzy']],
    );
    assert.deepEqual(
      tags.get('twisty')!.map((t) => [t.owner, t.ownerName]),
      [['interface', 'guest']],
    );
  });

  test('documents that are not libvirt objects are not kept', () => {
    const index = new WorkspaceIndex();
    const change = index.update(doc('pom.xml', '<project/>'));
    assert.equal(index.size, 0);
    assert.equal(index.get(uriOf('pom.xml')), undefined);
    assert.deepEqual([...change.networkNames], []);
  });
});

describe('workspace index: incremental updates', () => {
  test('replacing a network with a renamed one moves every lookup', () => {
    const index = fresh();
    const change = index.update(doc('net/mynet.xml', network('renamed', `  <portgroup name='pg'/>`), 1));
    assert.deepEqual([...change.networkNames].sort(), ['mynet', 'renamed']);
    assert.equal(index.network('mynet'), undefined);
    assert.equal(index.network('renamed')!.uri, uriOf('net/mynet.xml'));
    assert.deepEqual(
      index.portGroups('renamed').map((g) => g.name!.value),
      ['pg'],
    );
    assert.deepEqual(index.networkNames(), ['renamed']);
    assert.deepEqual([...index.tags().keys()], ['twisty']);
    assert.equal(index.get(uriOf('net/mynet.xml'))!.version, 1);
    // The domain still refers to 'mynet': its dependants are the ones to refresh.
    assert.deepEqual([...index.dependants(change.networkNames)], [uriOf('dom/guest.xml')]);
  });

  test('changing a domain changes what interfacesUsing answers', () => {
    const index = fresh();
    const change = index.update(doc('dom/guest.xml', domainWith(`<interface type='network'><source network='other'/></interface>`)));
    assert.deepEqual(index.interfacesUsing('mynet'), []);
    assert.deepEqual([...index.dependants(['mynet'])], []);
    assert.deepEqual(
      index.interfacesUsing('other').map((u) => u.iface.index),
      [0],
    );
    assert.deepEqual([...change.networkNames], [], 'a domain defines no network');
    assert.deepEqual([...index.tags().keys()], ['wumpus', 'xyzzytag']);
  });

  test('removing documents withdraws everything they contributed', () => {
    const index = fresh();
    const change = index.remove(uriOf('net/mynet.xml'));
    assert.deepEqual([...change.networkNames], ['mynet']);
    assert.equal(index.network('mynet'), undefined);
    assert.deepEqual(index.networkNames(), []);
    assert.deepEqual([...index.tags().keys()], ['twisty']);
    index.remove(uriOf('dom/guest.xml'));
    assert.equal(index.size, 0);
    assert.deepEqual(index.interfacesUsing('mynet'), []);
    assert.deepEqual([...index.tags().keys()], []);
    // Removing what is not there is harmless.
    const none = index.remove(uriOf('never.xml'));
    assert.deepEqual([...none.networkNames], []);
  });

  test('a document that stops being a network (broken root) is withdrawn', () => {
    const index = fresh();
    index.update(doc('net/mynet.xml', '<notanetwork/>'));
    assert.equal(index.network('mynet'), undefined);
    assert.equal(index.size, 1);
  });

  test('updating with the same text twice does not double-count references', () => {
    const index = fresh();
    index.update(doc('dom/guest.xml', guest));
    index.update(doc('dom/guest.xml', guest));
    assert.equal(index.interfacesUsing('mynet').length, 2);
    index.remove(uriOf('dom/guest.xml'));
    assert.deepEqual([...index.dependants(['mynet'])], []);
  });

  test('two interfaces of one domain on the same network withdraw cleanly', () => {
    const index = new WorkspaceIndex();
    index.update(
      doc('d.xml', domainWith(`<interface type='network'><source network='n'/></interface>`, `<interface type='network'><source network='n'/></interface>`)),
    );
    assert.equal(index.interfacesUsing('n').length, 2);
    index.update(doc('d.xml', domainWith(`<interface type='network'><source network='n'/></interface>`)));
    assert.equal(index.interfacesUsing('n').length, 1);
    assert.deepEqual([...index.dependants(['n'])], [uriOf('d.xml')]);
    index.update(doc('d.xml', domainWith()));
    assert.deepEqual([...index.dependants(['n'])], []);
  });
});

describe('workspace index: duplicates', () => {
  test('a name defined in several files keeps every definition; the first by URI resolves', () => {
    const index = new WorkspaceIndex();
    index.update(doc('b/net.xml', network('dup', `  <portgroup name='from-b'/>`)));
    index.update(doc('a/net.xml', network('dup', `  <portgroup name='from-a'/>`)));
    assert.deepEqual(
      index.networks('dup').map((d) => d.uri),
      [uriOf('a/net.xml'), uriOf('b/net.xml')],
    );
    assert.equal(index.network('dup')!.uri, uriOf('a/net.xml'));
    assert.deepEqual(
      index.portGroups('dup').map((g) => g.name!.value),
      ['from-a'],
    );
    assert.deepEqual(index.networkNames(), ['dup']);
    index.remove(uriOf('a/net.xml'));
    assert.deepEqual(
      index.networks('dup').map((d) => d.uri),
      [uriOf('b/net.xml')],
    );
    assert.deepEqual(
      index.portGroups('dup').map((g) => g.name!.value),
      ['from-b'],
    );
  });

  test('the same tag name in several places is listed once per place', () => {
    const index = new WorkspaceIndex();
    index.update(doc('n.xml', network('n', `  <tag name='t'/>\n  <portgroup name='p'><tag name='t'/></portgroup>`)));
    index.update(doc('d.xml', domainWith(`<interface type='network'><source network='n'/><tag name='t'/></interface>`)));
    assert.deepEqual(
      index
        .tags()
        .get('t')!
        .map((u) => u.owner)
        .sort(),
      ['interface', 'network', 'portgroup'],
    );
    index.remove(uriOf('n.xml'));
    assert.deepEqual(
      index
        .tags()
        .get('t')!
        .map((u) => u.owner),
      ['interface'],
    );
  });
});

describe('workspace index: hostile names', () => {
  test('names from Object.prototype are never found unless defined', () => {
    const index = new WorkspaceIndex();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(index.network(name), undefined, name);
      assert.deepEqual(index.networks(name), []);
      assert.deepEqual(index.interfacesUsing(name), []);
      assert.deepEqual(index.portGroups(name), []);
    }
    assert.deepEqual([...index.tags().keys()], []);
  });

  test('networks, portgroups and tags named __proto__ / constructor work like any other', () => {
    const index = new WorkspaceIndex();
    index.update(doc('p.xml', network('__proto__', `  <tag name='constructor'/>\n  <portgroup name='__proto__'/>`)));
    index.update(doc('c.xml', network('constructor', '')));
    index.update(doc('d.xml', domainWith(`<interface type='network'><source network='__proto__' portgroup='__proto__'/></interface>`)));
    assert.equal(index.network('__proto__')!.uri, uriOf('p.xml'));
    assert.equal(index.network('constructor')!.uri, uriOf('c.xml'));
    assert.deepEqual(index.networkNames(), ['__proto__', 'constructor']);
    assert.equal(index.interfacesUsing('__proto__', '__proto__').length, 1);
    assert.deepEqual([...index.tags().keys()], ['constructor']);
    assert.equal(({} as Record<string, unknown>).uri, undefined);
  });
});
