import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { poolOfVolume, storageObjectUri } from './volumePool';

describe('poolOfVolume', () => {
  test('a file belongs to the pool named like its folder', () => {
    assert.equal(poolOfVolume('file:///ws/storage/default/disk1.xml'), 'default');
    assert.equal(poolOfVolume('file:///ws/storage/my%20pool/disk1.xml'), 'my pool');
  });

  test("a connection's volume carries its pool in its URI", () => {
    const uri = storageObjectUri('system', 'volume', 'disk 1.qcow2', 'my pool');
    assert.equal(uri, 'libvirt://system/volume/my%20pool/disk%201.qcow2.xml');
    assert.equal(poolOfVolume(uri), 'my pool');
    assert.equal(poolOfVolume('libvirt://system/network/default.xml'), undefined);
  });

  test('a file at the root of a URI has no folder', () => {
    assert.equal(poolOfVolume('untitled:disk1.xml'), undefined);
    assert.equal(poolOfVolume('file:///disk1.xml'), undefined);
  });
});
