import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostObjectNode, sortedByName } from './hostObjectInput';

describe("a connection's network or pool in the Libvirt view", () => {
  const read = { uri: 'libvirt://system/pool/default.xml', uuid: 'u-1', name: 'default', autostart: true, persistent: false };

  test('is active when libvirt says so, else inactive', () => {
    assert.deepEqual(hostObjectNode({ ...read, runState: 'active' }), { ...read, state: 'active' });
    for (const runState of ['inactive', 'building', '']) assert.equal(hostObjectNode({ ...read, runState }).state, 'inactive');
  });

  test('is listed by name, as virsh lists them', () => {
    const names = ['b', 'B', 'a', 'a'].map((name) => ({ name }));
    assert.deepEqual(
      sortedByName(names).map((object) => object.name),
      ['a', 'a', 'b', 'B'],
    );
  });
});
