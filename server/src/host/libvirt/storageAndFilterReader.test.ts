import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseFilterList, parseVolumeList, readStorageAndFilters } from './storageAndFilterReader';

function hasVirsh(): boolean {
  try {
    execFileSync('virsh', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe("virsh's storage and nwfilter lists (as libvirt 9.0 prints them)", () => {
  test('nwfilter-list: the UUIDs', () => {
    const out = ` UUID                                   Name
-----------------------------------------------------
 de412895-fefa-43e3-ad73-a1e118734df3   s6-child
 f4a43009-2c38-4519-b4d9-7b27b6ffa1e3   s6-dangling
`;
    assert.deepEqual(parseFilterList(out), ['de412895-fefa-43e3-ad73-a1e118734df3', 'f4a43009-2c38-4519-b4d9-7b27b6ffa1e3']);
  });

  test('vol-list: the names', () => {
    const out = ` Name        Path
-------------------------------------------
 disk1.img   /tmp/s6pools/poolA/disk1.img
 my disk     /tmp/s6pools/poolA/my disk
`;
    assert.deepEqual(parseVolumeList(out), ['disk1.img', 'my disk']);
    assert.deepEqual(parseVolumeList(' Name   Path\n------------\n\n'), []);
  });
});

describe("a connection's storage and filters, read through virsh (libvirt's test driver)", () => {
  test('its pool, with no volumes; a driver without nwfilters gives none', { skip: hasVirsh() ? false : 'virsh is not installed' }, async () => {
    const result = await readStorageAndFilters({ connectionUri: 'test:///default', autostart: false });
    assert.ok(result.ok);
    assert.deepEqual(
      result.objects.pools.map((pool) => pool.name),
      ['default-pool'],
    );
    assert.match(result.objects.pools[0].xml, /^<pool type='dir'>/);
    assert.deepEqual(result.objects.volumes, []);
    assert.deepEqual(result.objects.filters, []);
  });
});
