import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { manyInterfaces } from '../testing';
import type { SlicedWork } from '../util/slicedWork';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { largeDocumentLength, ParsedDocuments } from './documentStore';
import { runInSlices, WorkCancelled } from './slicedRunner';

/** Work of `slices` slices, each holding the thread for about `ms`. */
function* busy(slices: number, ms: number): SlicedWork<string> {
  for (let i = 0; i < slices; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    yield;
  }
  return 'done';
}

describe('sliced work on the server thread', () => {
  it('lets other events in between slices', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other event'));
    const running = runInSlices(busy(5, 10), () => undefined).then((value) => order.push(value));
    await running;
    assert.deepEqual(order, ['other event', 'done']);
  });

  it('is dropped with WorkCancelled when it goes stale', async () => {
    let stale: string | undefined;
    setImmediate(() => (stale = 'a newer version'));
    await assert.rejects(
      runInSlices(busy(5, 10), () => stale),
      WorkCancelled,
    );
  });
});

describe('parsing a large open document', () => {
  // Four times the bound: long enough to be parsed in many slices on any machine.
  const text = manyInterfaces(Math.ceil((4 * largeDocumentLength) / 60));
  const uri = 'file:///large.xml';

  it('parses each version once, shared by every caller', async () => {
    const parsed = new ParsedDocuments(() => 1);
    const document = TextDocument.create(uri, 'xml', 1, text);
    assert.ok(text.length >= largeDocumentLength);
    const [a, b] = await Promise.all([parsed.parse(document), parsed.parse(document)]);
    assert.ok(a && a === b);
    assert.equal(parsed.get(document), a);
  });

  it('drops the parse of a version a newer one replaced', async () => {
    let current = 1;
    const parsed = new ParsedDocuments(() => current);
    const document = TextDocument.create(uri, 'xml', 1, text);
    const parsing = parsed.parse(document);
    current = 2;
    await assert.rejects(parsing, WorkCancelled);
    assert.equal(parsed.has(document), false);
  });
});

describe('diagnostics rounds', () => {
  it('never overlap: what is scheduled during a round waits for the next', { timeout: 10_000 }, async () => {
    const rounds: string[][] = [];
    let running = 0;
    let overlapped = false;
    let finish: (() => void) | undefined;
    let secondRoundStarted: () => void = () => undefined;
    const secondRound = new Promise<void>((resolve) => (secondRoundStarted = resolve));
    const scheduler = new DiagnosticsScheduler(async (uris) => {
      overlapped ||= running > 0;
      running++;
      rounds.push(uris);
      if (rounds.length === 2) secondRoundStarted();
      if (rounds.length === 1) await new Promise<void>((resolve) => (finish = resolve));
      running--;
    });
    scheduler.schedule(['a']);
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.schedule(['b']);
    scheduler.schedule(['c']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(rounds, [['a']]);
    finish?.();
    // Waits for the round itself, not a fixed 10 ms: on a loaded machine a timer can fire before
    // the scheduler's setImmediate (this test failed so once).
    await secondRound;
    assert.deepEqual(rounds, [['a'], ['b', 'c']]);
    assert.equal(overlapped, false);
    scheduler.dispose();
  });
});
