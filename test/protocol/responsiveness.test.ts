import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspSession } from './lspSession';
import { WorkspaceFixture } from './workspaceFixture';

/** Enough files that the crawl takes a noticeable time (about a second). */
const networkCount = 2000;

describe('responsiveness while indexing', () => {
  let fixture: WorkspaceFixture | undefined;
  let session: LspSession | undefined;
  before(async () => {
    fixture = new WorkspaceFixture();
    for (let i = 0; i < networkCount; i++) fixture.write(`workspace/many/net${i}.xml`, `<network>\n  <name>net${i}</name>\n</network>\n`);
    session = await LspSession.start({ workspaceFolder: fixture.workspaceFolder, settings: { networkPaths: [fixture.networkFolder] } });
  });
  after(async () => {
    await session?.stop();
    fixture?.remove();
  });

  it('answers requests in the middle of the crawl, then reports its end', async () => {
    const running = session!;
    const uri = fixture!.uri('workspace/domain.xml');
    await running.open(uri, "<domain>\n  <devices>\n    <interface type='network'>\n      <source network=''/>\n");
    await running.waitFor('the crawl to be under way', () =>
      running.progress.some((p) => p.kind === 'report' && p.message !== undefined && !p.message.startsWith('0/')) ? true : undefined,
    );
    await running.completion(uri, { line: 3, character: 23 });
    assert.ok(!running.progress.some((p) => p.kind === 'end'), 'the request was only answered after the crawl ended');
    await running.indexed();
    // 2,002 networks are more than a list holds (defaultMaxReferenceItems): the best 100, and the
    // list is incomplete so the editor asks again as the user types; every network is reachable.
    const list = await running.completion(uri, { line: 3, character: 23 });
    assert.equal(list.items.length, 100);
    assert.equal(list.isIncomplete, true);
    await running.change(uri, "<domain>\n  <devices>\n    <interface type='network'>\n      <source network='net1999'/>\n");
    const typed = await running.completion(uri, { line: 3, character: 30 });
    assert.equal(typed.items[0]?.label, 'net1999');
  });
});
