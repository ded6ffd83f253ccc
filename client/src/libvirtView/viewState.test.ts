import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionNode } from '../../../protocol/src/libvirtTree';
import { readLibvirtTree, viewContents } from './viewState';

const ready: ConnectionNode = { uri: 'qemu:///system', label: 'system', state: 'ready', networks: [], domains: [], pools: [], filters: [] };
const failed = (uri: string, kind: 'permission' | 'not-running', quiet = false): ConnectionNode => ({
  uri,
  label: uri,
  state: 'failed',
  quiet,
  failure: { kind, reason: `${kind} reason`, remedy: `${kind} remedy` },
  networks: [],
  domains: [],
  pools: [],
  filters: [],
});

describe('what the Libvirt view shows', () => {
  it('says it is starting before the server answers, and that none is configured for []', () => {
    assert.equal(viewContents(undefined).state, 'starting');
    assert.equal(viewContents({ connections: [] }).state, 'none-configured');
  });

  it('lists readable connections and those that failed worth saying; a quiet failure is left out', () => {
    const contents = viewContents({ connections: [ready, failed('qemu:///session', 'not-running', true), failed('qemu+ssh://h/system', 'permission')] });
    assert.equal(contents.state, 'ready');
    assert.deepEqual(
      contents.connections.map((c) => c.uri),
      ['qemu:///system', 'qemu+ssh://h/system'],
    );
  });

  it('when nothing can be read: the welcome of the telling failure, with every reason and remedy', () => {
    const contents = viewContents({ connections: [failed('qemu:///system', 'permission'), failed('qemu:///session', 'not-running', true)] });
    assert.equal(contents.state, 'permission');
    assert.deepEqual(contents.connections, []);
    assert.equal(
      contents.message,
      'qemu:///system: permission reason. To fix: permission remedy.\nqemu:///session: not-running reason. To fix: not-running remedy.',
    );
    assert.equal(viewContents({ connections: [failed('qemu:///session', 'not-running', true)] }).state, 'not-running');
  });

  it('takes a malformed answer as none', () => {
    assert.equal(readLibvirtTree(null), undefined);
    assert.equal(readLibvirtTree({ connections: [{ uri: 1 }] }), undefined);
    assert.deepEqual(readLibvirtTree({ connections: [ready] }), { connections: [ready] });
    const { pools: _pools, filters: _filters, ...withoutStorage } = ready;
    assert.deepEqual(readLibvirtTree({ connections: [withoutStorage] }), { connections: [ready] }, 'no pools or filters read as none');
  });
});
