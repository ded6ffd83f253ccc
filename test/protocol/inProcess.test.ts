import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guestWith } from '../../server/src/testing/fixtures';
import { useServer } from './sessionFixture';

const domain = (network: string) =>
  guestWith(`    <interface type='network'>
      <mac address='52:54:00:00:00:02'/>
      <source network='${network}'/>
    </interface>`);

describe('the server created in-process (createLspServer over in-memory streams)', () => {
  const server = useServer({ inProcess: true });

  it('indexes the workspace, publishes diagnostics and answers requests like the bundle', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/inprocess.xml');
    await session.open(uri, domain('mynte'));
    const published = await session.diagnosticsFor(uri, 'an unknown-network error', (p) => p.diagnostics.some((d) => d.code === 'unknown-network'));
    assert.equal(published.version, 1);
    const version = await session.change(uri, domain('othernet'));
    await session.diagnosticsFor(uri, 'no unknown-network error', (p) => p.version === version && p.diagnostics.every((d) => d.code !== 'unknown-network'));
    const status = await session.resolvedStatus(uri);
    assert.equal(status.kind, 'domain');
    assert.equal(status.interfaces[0]?.network, 'othernet');
  });
});
