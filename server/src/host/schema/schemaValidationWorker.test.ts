/** The worker the server uses: results, superseding, cancellation, fallback. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { keepYoungGenerationSmall } from '../garbageCollector';
import { SchemaValidationWorker } from './schemaValidationWorker';
import { SchemaValidationCancelled } from '../../schema/schemaTypes';
import { corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';

const workerScript = join(__dirname, 'validationWorker.js');
const options = { skip: skipWithoutCorpus };
const request = (key: string, mode: string) => ({
  key,
  text: `<network>\n  <name>n</name>\n  <forward mode='${mode}'/>\n</network>`,
  rootName: 'network',
  schemaFolder: corpusSchemas ?? '',
});

test('the worker answers with positioned findings', options, async () => {
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    const findings = await worker.validate(request('a', 'bridged'));
    assert.equal(findings.length, 1);
    assert.equal(request('a', 'bridged').text.slice(findings[0].range.start, findings[0].range.end), 'bridged');
  } finally {
    await worker.dispose();
  }
});

test('an idle worker ends to give its memory back, and the next validation starts a new one', options, async () => {
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    assert.equal(worker.releaseMemory(), false, 'no worker yet');
    const busy = worker.validate(request('a', 'bridged'));
    assert.equal(worker.releaseMemory(), false, 'not while it validates');
    assert.equal((await busy).length, 1);
    assert.equal(worker.releaseMemory(), true);
    assert.equal((await worker.validate(request('a', 'bridged'))).length, 1);
  } finally {
    await worker.dispose();
  }
});

test('a newer request for the same document supersedes the older one', options, async () => {
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    const older = worker.validate(request('doc', 'bridged'));
    const other = worker.validate(request('other-doc', 'bridged'));
    const newer = worker.validate(request('doc', 'nat'));
    await assert.rejects(older, SchemaValidationCancelled);
    assert.deepEqual(await newer, []);
    assert.equal((await other).length, 1, 'other documents are not affected');
  } finally {
    await worker.dispose();
  }
});

test('cancelling the token rejects at once; an LSP-style token works too', options, async () => {
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    const controller = new AbortController();
    const pending = worker.validate(request('a', 'nat'), controller.signal);
    controller.abort();
    await assert.rejects(pending, SchemaValidationCancelled);
    let listener: (() => void) | undefined;
    const lspToken = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => ((listener = l), { dispose: () => undefined }) };
    const second = worker.validate(request('b', 'nat'), lspToken);
    listener?.();
    await assert.rejects(second, SchemaValidationCancelled);
    assert.deepEqual(await worker.validate(request('c', 'nat')), [], 'the worker still serves later requests');
  } finally {
    await worker.dispose();
  }
});

test('without the worker script, validation runs in-process', options, async () => {
  const worker = new SchemaValidationWorker({ workerScript: '/nonexistent/validationWorker.js' });
  assert.equal((await worker.validate(request('a', 'bridged'))).length, 1);
  await worker.dispose();
});

test('the worker stops when idle, giving its memory back, and starts again when asked', options, async () => {
  const worker = new SchemaValidationWorker({ workerScript, idleMs: 1000 });
  try {
    mock.timers.enable({ apis: ['setTimeout'] });
    assert.equal((await worker.validate(request('a', 'bridged'))).length, 1);
    assert.equal(worker.running, true);
    mock.timers.tick(999);
    assert.equal(worker.running, true);
    mock.timers.tick(1);
    assert.equal(worker.running, false);
    assert.equal((await worker.validate(request('a', 'nat'))).length, 0);
    assert.equal(worker.running, true);
  } finally {
    mock.timers.reset();
    await worker.dispose();
  }
});

test("starting the worker leaves the server's young generation small (node resets V8's flags when a worker starts)", options, async () => {
  keepYoungGenerationSmall();
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    assert.equal((await worker.validate(request('a', 'bridged'))).length, 1);
    // Between the worker's start and its 'online' the flag is node's (a busy machine may grow the
    // young generation a step meanwhile): from then on it must not grow.
    const newSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
    const online = Math.max(newSpace(), 4 * 2 ** 20);
    // Objects that survive a scavenge or two: V8 grows the young generation for them if it may.
    const kept: object[] = [];
    let largest = 0;
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 100_000; i++) kept.push({ i });
      if (round % 10 === 9) kept.length = 0;
      largest = Math.max(largest, newSpace());
    }
    assert.ok(largest <= online, `the young generation grew from ${online / 2 ** 20} to ${largest / 2 ** 20} MiB`);
  } finally {
    await worker.dispose();
  }
});
