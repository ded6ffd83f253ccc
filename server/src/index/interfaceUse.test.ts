import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { domainWith, network, uriOf } from '../testing';
import { isCollected } from '../testing/collection';
import { WorkspaceIndex } from './workspaceIndex';

const guest = domainWith(
  `<interface type='network'><source network='lan' portgroup='fast'/></interface>`,
  `<interface type='network'><source network='lan'/></interface>`,
  `<interface type='network'><source network='other'/></interface>`,
);

function indexWithClosedGuest(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.updateClosed(parseLibvirtDocument(uriOf('lan.xml'), network('lan', `  <portgroup name='fast'/>`)));
  index.updateClosed(parseLibvirtDocument(uriOf('guest.xml'), guest));
  return index;
}

test("the uses the index keeps do not hold a closed file's unpacked model", async () => {
  const index = indexWithClosedGuest();
  const uses = index.interfacesUsing('lan');
  assert.deepEqual(
    uses.map((use) => [use.uri, use.portGroup]),
    [
      [uriOf('guest.xml'), 'fast'],
      [uriOf('guest.xml'), undefined],
    ],
  );
  const model = new WeakRef(uses[0].domain);
  assert.equal(await isCollected(model), true, 'the unpacked model is still held');
  // Read again, each use gives its interface, from the model unpacked again.
  const again = index.interfacesUsing('lan');
  assert.deepEqual(
    again.map((use) => use.iface.source?.attributes.get('portgroup')?.value),
    ['fast', undefined],
  );
  assert.equal(again[0].domain, index.get(uriOf('guest.xml'))?.object, 'the use and the index give the same model');
  assert.deepEqual(
    index.interfacesUsing('lan', 'fast').map((use) => use.iface.source?.attributes.get('network')?.value),
    ['lan'],
  );
});
