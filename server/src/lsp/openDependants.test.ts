import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { diskVolume, domainWithDevices, guestWith, mynet, mynetPath, storageAndFilterFiles, uriOf, workspaceOf } from '../testing';
import { openDependants, type OpenDocuments } from './openDependants';

const onMynet = (portgroup: string) => guestWith(`    <interface type='network'><source network='mynet' portgroup='${portgroup}'/></interface>`);
const files = {
  ...storageAndFilterFiles,
  [mynetPath]: mynet,
  'domains/plugh.xml': onMynet('plugh'),
  'domains/xyzzy.xml': onMynet('xyzzy'),
  'domains/disk.xml': domainWithDevices(`<disk type='volume'><source pool='default' volume='disk1.qcow2'/></disk>`),
  'domains/filtered.xml': domainWithDevices(`<interface type='bridge'><source bridge='br0'/><filterref filter='s6-top'/></interface>`),
};

/** The editor holding these files open. */
function openFiles(...names: string[]): OpenDocuments {
  const open = new Set(names.map(uriOf));
  return { get: (uri) => (open.has(uri) ? TextDocument.create(uri, 'xml', 1, '') : undefined) };
}

const allOpen = openFiles(...Object.keys(files));
const sorted = (uris: string[]) => uris.sort();

describe('the open dependants of a change of the index', () => {
  test("of a network's edit: the network and the domains using the portgroup it touched", () => {
    const { index } = workspaceOf(files);
    const change = index.update(parseLibvirtDocument(uriOf(mynetPath), mynet.replace("name='plugh'", "name='plover'"), 2));
    assert.deepEqual(sorted(openDependants(index, allOpen, change)), sorted([uriOf(mynetPath), uriOf('domains/plugh.xml')]));
  });

  test("of a pool's volume: the domains naming the pool", () => {
    const { index } = workspaceOf(files);
    const change = index.update(parseLibvirtDocument(uriOf('storage/default/disk9.xml'), diskVolume.replace('disk1', 'disk9'), 1));
    assert.deepEqual(openDependants(index, allOpen, change), [uriOf('domains/disk.xml')]);
  });

  test('of a filter: the domains and filters whose chain may pass through it, of those open', () => {
    const { index } = workspaceOf(files);
    const change = index.remove(uriOf('nwfilter/s6-child.xml'));
    assert.deepEqual(sorted(openDependants(index, allOpen, change)), sorted([uriOf('domains/filtered.xml'), uriOf('nwfilter/s6-top.xml')]));
    assert.deepEqual(openDependants(index, openFiles('domains/filtered.xml', 'domains/disk.xml'), change), [uriOf('domains/filtered.xml')]);
  });
});
