import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilterList, parseVolumeList } from './storageAndFilterReader';

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
