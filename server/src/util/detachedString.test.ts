import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { garbageCollector } from '../host/garbageCollector';
import { detachedString } from './detachedString';

const MB = 1024 * 1024;

describe('detached strings', () => {
  test('equal to the string copied, short, long, with lone surrogates and escapes', () => {
    for (const value of ['', 'virtio', 'a-network-with-a-long-name', 'lone \ud800 surrogate \udfff here', 'quote " back \\ slash\n', 'é'.repeat(40)])
      assert.equal(detachedString(value), value);
  });

  test('a copy of part of a large text does not keep the text', () => {
    const collect = garbageCollector();
    assert.ok(collect, 'V8 gives a full collection');
    collect();
    const before = process.memoryUsage().heapUsed;
    const kept = ((): string => {
      const text = `${'x'.repeat(16 * MB)}<name>a-network-with-a-long-name</name>`;
      return detachedString(text.slice(16 * MB + 6, 16 * MB + 32));
    })();
    collect();
    const after = process.memoryUsage().heapUsed;
    assert.equal(kept, 'a-network-with-a-long-name');
    assert.ok(after - before < 4 * MB, `${((after - before) / MB).toFixed(1)} MiB kept`);
  });
});
