import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LSPErrorCodes, ResponseError, type DocumentLink, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { resolvedStatusMethod, statusPageSize, type ResolvedStatusResult } from '../../protocol/src/messages';
import { manyInterfaces } from '../../server/src/testing';
import { LspSession } from './lspSession';
import { WorkspaceFixture } from './workspaceFixture';

/** About 600 KB: twice the size from which the server parses and checks in slices. */
const interfaceCount = 10_000;

/*
 * A huge domain open beside a small one (issue 14: one large domain stalled every file). The
 * assertions are about order and answers, never about time: timings go to the benchmark
 * (bench/hugeDocument.mjs).
 */
describe('a huge document', () => {
  let fixture: WorkspaceFixture | undefined;
  let session: LspSession | undefined;
  const huge = manyInterfaces(interfaceCount);
  const small = "<domain>\n  <devices>\n    <interface type='network'>\n      <source network=''/>\n    </interface>\n  </devices>\n</domain>\n";
  let hugeUri = '';
  let smallUri = '';

  before(async () => {
    fixture = new WorkspaceFixture();
    for (const name of ['net0', 'net1', 'net2']) fixture.write(`workspace/${name}.xml`, `<network>\n  <name>${name}</name>\n</network>\n`);
    hugeUri = fixture.uri('workspace/huge.xml');
    smallUri = fixture.uri('workspace/small.xml');
    session = await LspSession.start({ workspaceFolder: fixture.workspaceFolder, settings: { networkPaths: [fixture.networkFolder] } });
    await session.indexed();
    await session.open(smallUri, small);
    await session.open(hugeUri, huge);
    await session.diagnosticsFor(hugeUri, 'the first check of the huge domain', (p) => p.diagnostics.length > 0);
  });
  after(async () => {
    await session?.stop();
    fixture?.remove();
    // Once in CI this file's process stayed alive for minutes after its tests had passed and its
    // server had exited (not reproduced since; cause not found): say what keeps it alive, and
    // end it rather than stall the whole run. The timer is unref'd: a clean exit never waits.
    setTimeout(() => {
      console.error(`largeDocument.test: alive 10 s after its tests; active: ${process.getActiveResourcesInfo().join(', ')}`);
      process.exit();
    }, 10_000).unref();
  });

  /** A keystroke in the huge domain: its name changes (five characters for five), nothing the index holds does. */
  async function typeInHuge(running: LspSession): Promise<number> {
    return running.edit(
      hugeUri,
      { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } },
      `g${String(running.version(hugeUri)).padStart(4, '0')}`,
    );
  }

  it('answers completion in a small document before the huge one, just edited, is checked again', async () => {
    const running = session!;
    const order: string[] = [];
    const version = await typeInHuge(running);
    const checked = running.diagnosticsArrival((p) => p.uri === hugeUri && p.version === version, 60_000).then(() => order.push('huge checked'));
    const list = await running.completion(smallUri, { line: 3, character: 23 });
    order.push('completion answered');
    await checked;
    assert.deepEqual(order, ['completion answered', 'huge checked']);
    const labels = list.items.map((item) => item.label);
    for (const name of ['net0', 'net1', 'net2']) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
    const published = [...running.diagnostics].reverse().find((p) => p.uri === hugeUri);
    assert.equal(published?.diagnostics.filter((d) => d.code === 'unknown-network').length, Math.floor(interfaceCount / 6));
  });

  it("publishes its findings while the index keeps changing under it (a live connection's events)", async () => {
    // Issue 14: with a live connection the huge domain's first check took minutes. Every change
    // of the index (here: edits of an open network the domain does not name, every 5 ms) used to
    // drop the check and start it again, so it could never finish while the changes went on.
    const running = session!;
    const churnUri = fixture!.uri('workspace/churn.xml');
    await running.open(churnUri, "<network>\n  <name>churn-only</name>\n  <bridge name='virbr0'/>\n</network>\n");
    const version = await typeInHuge(running);
    let checked = false;
    const arrival = running.diagnosticsArrival((p) => p.uri === hugeUri && p.version === version, 120_000).then(() => (checked = true));
    let edits = 0;
    while (!checked && edits < 600) {
      await running.edit(churnUri, { start: { line: 2, character: 16 }, end: { line: 2, character: 22 } }, `virb${String(edits % 100).padStart(2, '0')}`);
      edits++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.ok(checked, `the huge domain was not checked during ${edits} changes of the index`);
    await arrival;
    await running.close(churnUri);
  });

  it('answers a cancelled status request with RequestCancelled', async () => {
    const running = session!;
    await typeInHuge(running);
    const request = running.cancellableRequest<ResolvedStatusResult>(resolvedStatusMethod, { uri: hugeUri });
    request.cancel();
    await assert.rejects(request.answer, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
    // The server goes on answering.
    assert.ok(await running.hover(smallUri, { line: 3, character: 23 }));
  });

  it('gives its resolved status one page at a time, with the total', async () => {
    const running = session!;
    const first = await running.resolvedStatus(hugeUri);
    assert.equal(first.interfaces.length, statusPageSize);
    assert.deepEqual([first.firstInterface, first.totalInterfaces], [0, interfaceCount]);
    const { result: later } = await running.timedRequest<ResolvedStatusResult>(resolvedStatusMethod, { uri: hugeUri, firstInterface: 9_990 });
    assert.deepEqual(
      later.interfaces.map((i) => i.index),
      [9_990, 9_991, 9_992, 9_993, 9_994, 9_995, 9_996, 9_997, 9_998, 9_999],
    );
  });

  it('answers its outline and its links bounded: 5000 entries, the outline saying what it left out', async () => {
    const running = session!;
    const textDocument = { uri: hugeUri };
    const { result: symbols } = await running.timedRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    const children = symbols[0]?.children ?? [];
    assert.equal(children.length, 5001);
    assert.equal(children.at(-1)?.name, `${interfaceCount - 5000} more interfaces (the outline lists 5000)`);
    const { result: links } = await running.timedRequest<DocumentLink[]>('textDocument/documentLink', { textDocument });
    assert.equal(links.length, 5000);
  });
});
