/**
 * Validation latency of a 5,000-line domain, cold (new thread: wasm start, schema compilation)
 * and warm, through the worker the server uses and in-process for comparison; and how long the
 * calling thread stays blocked meanwhile (the longest gap between 1 ms timer ticks), which is
 * what completion requests would wait. Numbers are printed as test diagnostics.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SchemaValidationWorker } from './schemaValidationWorker';
import { SchemaValidator } from './schemaValidator';
import { corpusSchemas, largeDomain, skipWithoutCorpus } from '../../testing/schemaCorpus';

const workerScript = join(__dirname, 'validationWorker.js');

/** Runs `work` while sampling the event loop; returns its duration and the longest stall seen. */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; stallMs: number; result: T }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  stallMs = Math.max(stallMs, performance.now() - last);
  clearInterval(ticker);
  return { ms, stallMs, result };
}

const round = (n: number): number => Math.round(n * 10) / 10;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('5,000-line domain: cold and warm, worker and in-process', { skip: skipWithoutCorpus }, async (t) => {
  const text = largeDomain(5000);
  const lines = text.split('\n').length;
  const folder = corpusSchemas ?? '';
  // Without the script the worker falls back to validating in-process: this would measure that.
  assert.ok(existsSync(workerScript), `${workerScript} is built beside this test`);
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    const request = { key: 'big', text, rootName: 'domain', schemaFolder: folder };
    const cold = await measure(() => worker.validate(request));
    assert.deepEqual(cold.result, []);
    const warm: Array<{ ms: number; stallMs: number }> = [];
    for (let i = 0; i < 5; i++) {
      const run = await measure(() => worker.validate(request));
      assert.deepEqual(run.result, [], 'a warm worker gives the same verdict');
      warm.push(run);
    }
    const validator = new SchemaValidator();
    const inCold = await measure(() => validator.validate(text, 'domain', folder));
    const inWarm: Array<{ ms: number; stallMs: number }> = [];
    for (let i = 0; i < 5; i++) inWarm.push(await measure(() => validator.validate(text, 'domain', folder)));
    t.diagnostic(
      `${lines} lines, ${text.length} chars. Worker: cold ${round(cold.ms)} ms (main thread max stall ${round(cold.stallMs)} ms), ` +
        `warm median ${round(median(warm.map((w) => w.ms)))} ms (max stall ${round(Math.max(...warm.map((w) => w.stallMs)))} ms). ` +
        `In-process: cold ${round(inCold.ms)} ms (stall ${round(inCold.stallMs)} ms), warm median ${round(median(inWarm.map((w) => w.ms)))} ms ` +
        `(stall ${round(Math.max(...inWarm.map((w) => w.stallMs)))} ms)`,
    );
    // Generous bounds (shared CI machines): the point is that the worker keeps this thread free.
    assert.ok(median(warm.map((w) => w.ms)) < 2000);
    // The median, not the maximum: a garbage collection on a loaded machine may stall any thread.
    assert.ok(median(warm.map((w) => w.stallMs)) < 100, 'the worker must not block the calling thread');
  } finally {
    await worker.dispose();
  }
});
