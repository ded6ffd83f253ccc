import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { LiveConnection } from './liveConnection';

function hasVirsh(): boolean {
  try {
    execFileSync('virsh', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe("a live connection's pools, volumes and filters (libvirt's test driver, no daemon)", { skip: hasVirsh() ? false : 'virsh is not installed' }, () => {
  test('are read with the networks, and read again when asked only if older than asked (no volume or filter events to wait for)', async () => {
    const kinds: string[] = [];
    const live = new LiveConnection(
      { connectionUri: 'test:///default', autostart: false },
      { objectsChanged: (kind) => kinds.push(kind), stateChanged: () => undefined },
    );
    try {
      await live.start();
      assert.equal(live.storage.kind, 'read');
      assert.deepEqual(live.storage.kind === 'read' ? live.storage.objects.pools.map((pool) => [pool.name, pool.state.runState]) : [], [
        ['default-pool', 'active'],
      ]);
      assert.ok(kinds.includes('network') && kinds.includes('storage'), kinds.join());
      assert.equal(live.rereadStorageIfStale(10_000), false, 'just read');
      const reads = kinds.filter((kind) => kind === 'storage').length;
      assert.equal(live.rereadStorageIfStale(10_000, Date.now() + 10_001), true, 'read long enough ago');
      await live.rereadStorage();
      assert.ok(kinds.filter((kind) => kind === 'storage').length > reads);
    } finally {
      live.dispose();
    }
  });
});
