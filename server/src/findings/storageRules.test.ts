import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings } from './documentFindings';
import { domainWithDevices, storageAndFilterFiles, workspaceOf } from '../testing';
import { parseLibvirtDocument } from '../model/libvirtDocument';

function findingsOf(devices: string, files: Readonly<Record<string, string>> = storageAndFilterFiles) {
  const workspace = workspaceOf({ ...files, 'domains/guest.xml': domainWithDevices(devices) });
  return computeFindings(workspace.document('domains/guest.xml'), workspace.index).map((finding) => [finding.code, finding.message]);
}

const disk = (source: string) => `<disk type='volume' device='disk'><source ${source}/><target dev='vda' bus='virtio'/></disk>`;

describe('volume disks (virDomainStorageSourceTranslateSourcePool)', () => {
  test('a pool and a volume both defined: nothing to say', () => {
    assert.deepEqual(findingsOf(disk("pool='default' volume='disk1.qcow2'")), []);
  });

  test('an unknown pool, with the closest name', () => {
    assert.deepEqual(findingsOf(disk("pool='defualt' volume='disk1.qcow2'")), [
      ['unknown-pool', "Storage pool not found: no storage pool with matching name 'defualt' (did you mean 'default'?)"],
    ]);
  });

  test('an unknown volume of a pool whose volumes are listed', () => {
    assert.deepEqual(findingsOf(disk("pool='default' volume='disk2.qcow2'")), [
      ['unknown-volume', "Storage volume not found: no storage vol with matching name 'disk2.qcow2' (did you mean 'disk1.qcow2'?)"],
    ]);
  });

  test('a pool with no listed volumes proves nothing about a volume name', () => {
    assert.deepEqual(findingsOf(disk("pool='default' volume='anything'"), { 'storage/default.xml': storageAndFilterFiles['storage/default.xml'] }), []);
  });

  test('source mode on a pool that is not iscsi', () => {
    assert.deepEqual(findingsOf(disk("pool='default' volume='data.img' mode='host'")), [
      ['volume-mode-unsupported', 'XML error: disk source mode is only valid when storage pool is of iscsi type'],
    ]);
  });

  test('a pool type that cannot back volume disks', () => {
    assert.deepEqual(findingsOf(disk("pool='ceph' volume='vm1'")), [
      ['volume-pool-unsupported', "unsupported configuration: using 'rbd' pools for backing 'volume' disks isn't yet supported"],
    ]);
  });

  test('a file disk names no pool', () => {
    assert.deepEqual(findingsOf("<disk type='file'><source file='/x.img'/><target dev='vda'/></disk>"), []);
  });
});

describe('a pool no file defines, while a connection may define it', () => {
  test('is not checked until the connection has been read', () => {
    const workspace = workspaceOf({ 'domains/guest.xml': domainWithDevices(disk("pool='images' volume='v'")) });
    workspace.index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
    const codes = () => computeFindings(workspace.document('domains/guest.xml'), workspace.index).map((finding) => [finding.code, finding.message]);
    assert.deepEqual(codes(), [
      [
        'pool-not-checked',
        "Storage pool 'images' could not be checked: no file here defines it, and the storage pools and network filters of qemu:///system were not read",
      ],
    ]);
    workspace.index.setStorageAndFilterReaders(['system']);
    assert.deepEqual(codes(), [['unknown-pool', "Storage pool not found: no storage pool with matching name 'images'"]]);
  });
});

describe("a connection's active pool with no volume", () => {
  test('was listed: a volume named in it is missing (libvirt lists the volumes of active pools only)', () => {
    const workspace = workspaceOf({ 'domains/guest.xml': domainWithDevices(disk("pool='empty' volume='v.img'")) });
    const { index } = workspace;
    index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
    index.setStorageAndFilterReaders(['system']);
    const pool = 'libvirt://system/pool/empty.xml';
    index.updateClosed(
      parseLibvirtDocument(pool, "<pool type='dir'>\n  <name>empty</name>\n  <target><path>/tmp/empty</path></target>\n</pool>\n"),
      index.originOf(pool),
    );
    const codes = () => computeFindings(workspace.document('domains/guest.xml'), index).map((finding) => finding.code);
    assert.deepEqual(codes(), [], 'an inactive pool (not listed) proves nothing');
    index.setListedPools([pool]);
    assert.deepEqual(codes(), ['unknown-volume']);
  });
});
