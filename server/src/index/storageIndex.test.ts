import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diskVolume, domainWithDevices, storageAndFilterFiles, uriOf, workspaceOf } from '../testing';
import { parseLibvirtDocument } from '../model/libvirtDocument';

const guest = domainWithDevices(
  `<disk type='volume'><source pool='default' volume='disk1.qcow2'/></disk>
    <interface type='bridge'><source bridge='br0'/><filterref filter='s6-top'/></interface>`,
);

describe('workspace index: pools, volumes, filters', () => {
  test('pools and filters by name; volumes per pool, by folder', () => {
    const { index } = workspaceOf({ ...storageAndFilterFiles, 'domains/guest.xml': guest });
    assert.deepEqual(index.poolNames(), ['ceph', 'default']);
    assert.equal(index.pool('default')?.pool.poolType?.value, 'dir');
    assert.deepEqual(
      index.volumes('default').map((volume) => volume.volume.name?.value),
      ['data.img', 'disk1.qcow2'],
    );
    assert.deepEqual(index.volumes('ceph'), []);
    assert.deepEqual(index.filterNames(), ['s6-child', 's6-top']);
    assert.deepEqual(
      index.filterRefsTo('s6-child').map((use) => use.uri),
      [uriOf('nwfilter/s6-top.xml')],
    );
    assert.deepEqual(
      index.filterRefsTo('s6-top').map((use) => use.uri),
      [uriOf('domains/guest.xml')],
    );
    assert.deepEqual(
      index.volumeDisksUsing('default', 'disk1.qcow2').map((use) => use.uri),
      [uriOf('domains/guest.xml')],
    );
  });

  test('an update says which pools and filters changed; their dependants follow', () => {
    const { index } = workspaceOf({ ...storageAndFilterFiles, 'domains/guest.xml': guest });
    const change = index.update(parseLibvirtDocument(uriOf('storage/default/disk9.xml'), diskVolume.replace('disk1', 'disk9'), 1));
    assert.deepEqual([...change.poolNames], ['default']);
    assert.deepEqual([...index.storageAndFilterDependants(change)], [uriOf('domains/guest.xml')]);
    const removed = index.remove(uriOf('nwfilter/s6-child.xml'));
    assert.deepEqual([...removed.filterNames], ['s6-child']);
    assert.deepEqual([...index.storageAndFilterDependants(removed)].sort(), [uriOf('domains/guest.xml'), uriOf('nwfilter/s6-top.xml')]);
  });
});
