import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { guestWith, manyInterfaces } from '../../server/src/testing';
import { LspSession } from './lspSession';
import { useServer, withCursor } from './sessionFixture';
import { WorkspaceFixture } from './workspaceFixture';

/** About 1.3 MB: five times the size from which the server indexes in slices. */
const interfaceCount = 20_000;

/*
 * Issue 14: a 5 MB domain created on disk (not opened) while the server ran was read and indexed
 * in one step; a hover in a small file waited 2.4 s meanwhile. The server says in its log when it
 * begins and ends indexing a large file: a hover asked after the beginning must be answered
 * before the end. Order, not time: timings go to the benchmark.
 */
describe('a large file created on disk', () => {
  const server = useServer();

  it('is indexed in slices: a hover in a small document is answered in between', async () => {
    const { session, fixture } = server();
    const smallUri = fixture.uri('workspace/domains/small.xml');
    const { text, position } = withCursor(guestWith(`    <interface type='network'>\n      <sou|rce network='mynet'/>\n    </interface>`));
    await session.open(smallUri, text);
    await session.diagnosticsFor(smallUri, 'the first check');

    const bigUri = fixture.write('workspace/domains/big.xml', manyInterfaces(interfaceCount));
    const logged = (pattern: RegExp) => session.log.find((line) => pattern.test(line) && line.includes('big.xml'));
    await session.filesChanged([{ uri: bigUri, type: FileChangeType.Created }]);
    await session.waitFor('the server beginning to index big.xml', () => logged(/^indexing .* in slices$/));
    const hover = await session.hover(smallUri, position);
    const endedBeforeHover = logged(/^indexed /);
    const ended = await session.waitFor('the server ending the indexing of big.xml', () => logged(/^indexed /), 60_000);
    assert.ok(hover, 'no hover');
    assert.equal(endedBeforeHover, undefined, `the hover was answered after: ${ended}`);
  });
});

/*
 * The same for a large file already there when the server starts: the first crawl reads files in
 * short slices, but took a large one in a single step (a 5 MB domain held every request about a
 * second). A hover asked once the crawl began the large file is answered before it is indexed.
 */
describe('a large file found by the first crawl', () => {
  let fixture: WorkspaceFixture | undefined;
  let session: LspSession | undefined;
  before(async () => {
    fixture = new WorkspaceFixture();
    fixture.write('workspace/domains/big.xml', manyInterfaces(interfaceCount));
    session = await LspSession.start({ workspaceFolder: fixture.workspaceFolder, settings: { networkPaths: [fixture.networkFolder] } });
  });
  after(async () => {
    await session?.stop();
    fixture?.remove();
  });

  it('is indexed in slices: a hover in a small document is answered in between', async () => {
    const running = session!;
    const smallUri = fixture!.uri('workspace/small.xml');
    const { text, position } = withCursor(guestWith(`    <interface type='network'>\n      <sou|rce network='mynet'/>\n    </interface>`));
    const logged = (pattern: RegExp) => running.log.find((line) => pattern.test(line) && line.includes('big.xml'));
    await running.waitFor('the crawl beginning to index big.xml', () => logged(/^indexing .* in slices$/), 60_000);
    await running.open(smallUri, text);
    const hover = await running.hover(smallUri, position);
    const endedBeforeHover = logged(/^indexed /);
    const ended = await running.waitFor('the crawl ending the indexing of big.xml', () => logged(/^indexed /), 60_000);
    assert.ok(hover, 'no hover');
    assert.equal(endedBeforeHover, undefined, `the hover was answered after: ${ended}`);
    await running.indexed();
  });
});
