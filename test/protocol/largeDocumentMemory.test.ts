import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manyInterfaces } from '../../server/src/testing';
import { liveHeapBytes } from '../../server/src/testing/collection';
import type { LspSession } from './lspSession';
import { useServer } from './sessionFixture';

/** About 360 KB: parsed, indexed and checked in slices (256 KB and more). */
const interfaceCount = 6_000;

/** The domain's name, `<name>guest</name>` on line 1: five characters replaced by five. */
async function keystroke(session: LspSession, uri: string): Promise<void> {
  const version = (session.version(uri) ?? 0) + 1;
  const published = session.diagnosticsArrival((p) => p.uri === uri && p.version === version);
  await session.edit(uri, { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } }, `g${String(version).padStart(4, '0')}`);
  await published;
}

/** The live heap, without what the test's own client keeps (every publication it received). */
async function serverHeap(session: LspSession): Promise<number> {
  session.diagnostics.length = 0;
  return liveHeapBytes();
}

/*
 * Issue 14: while a 5 MB domain was typed in, superseded versions (their tree and model, their
 * findings, their schema validation) stayed alive. The server runs in this process, so its live
 * heap after a full collection is measured directly: not timed, and the same on every machine
 * up to V8's own bookkeeping.
 */
describe('typing in a large document', () => {
  const server = useServer({ inProcess: true });

  it('holds one version of it, however many keystrokes came, and gives it back on close', async () => {
    const { session, fixture } = server();
    // Not on disk: once closed, the index keeps nothing of it.
    const uri = fixture.uri('workspace/typed.xml');
    const empty = await serverHeap(session);
    const opened = session.diagnosticsArrival((p) => p.uri === uri);
    await session.open(uri, manyInterfaces(interfaceCount));
    await opened;
    const oneVersion = (await serverHeap(session)) - empty;
    for (let i = 0; i < 2; i++) await keystroke(session, uri);
    const afterTwo = (await serverHeap(session)) - empty;
    for (let i = 0; i < 10; i++) await keystroke(session, uri);
    const afterTwelve = (await serverHeap(session)) - empty;
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const said = `one version ${mib(oneVersion)}, after 2 keystrokes ${mib(afterTwo)}, after 12 ${mib(afterTwelve)}`;
    assert.ok(afterTwelve - afterTwo < oneVersion / 4, `ten more keystrokes hold more: ${said}`);
    assert.ok(afterTwelve < oneVersion * 1.5, `more than one version held: ${said}`);
    await session.close(uri);
    // The close is handled after its empty diagnostics are sent (the index lets the document go
    // then): measured until it is let go, for at most two seconds.
    let closed = Infinity;
    for (let tries = 0; tries < 20 && closed >= oneVersion / 4; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      closed = (await serverHeap(session)) - empty;
    }
    assert.ok(closed < oneVersion / 4, `the closed document is held: ${mib(closed)} (${said})`);
  });
});
