/**
 * In a file of its own, so in a process of its own: V8 never shrinks its young generation, so
 * tests that ran before in the same process (without the flag) could have grown it already.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { keepYoungGenerationSmall } from '../garbageCollector';
import { SchemaValidationWorker } from './schemaValidationWorker';
import { corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';

const workerScript = join(__dirname, 'validationWorker.js');
const options = { skip: skipWithoutCorpus };
const request = {
  key: 'a',
  text: "<network>\n  <name>n</name>\n  <forward mode='bridged'/>\n</network>",
  rootName: 'network',
  schemaFolder: corpusSchemas ?? '',
};

test("starting the worker leaves the server's young generation small (node resets V8's flags when a worker starts)", options, async () => {
  keepYoungGenerationSmall();
  const worker = new SchemaValidationWorker({ workerScript });
  try {
    assert.equal((await worker.validate(request)).length, 1);
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
