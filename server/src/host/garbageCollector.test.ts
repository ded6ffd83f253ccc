import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { compactingGarbageCollector, garbageCollector } from './garbageCollector';

/** The old generation's pages and what is live on them, in bytes. */
function oldSpace(): { size: number; used: number } {
  const space = getHeapSpaceStatistics().find((candidate) => candidate.space_name === 'old_space');
  return { size: space?.space_size ?? 0, used: space?.space_used_size ?? 0 };
}

/** Objects in the old generation, half of them dropped: every page about half live. */
function halfLiveHeap(collect: () => void): object[] {
  let kept: object[] = [];
  for (let i = 0; i < 300_000; i++) kept.push({ a: i, b: i + 1, c: String(i), d: null, e: null, f: null });
  collect();
  collect();
  kept = kept.filter((_, i) => i % 2 === 0);
  return kept;
}

describe('the compacting full collection', () => {
  it('moves the survivors of half-live pages together and gives the emptied pages back, for that collection only', () => {
    const collect = garbageCollector();
    const compact = compactingGarbageCollector();
    assert.ok(collect && compact, 'V8 gives a full collection');
    const first = halfLiveHeap(collect);
    collect();
    const fragmented = oldSpace();
    compact();
    const compacted = oldSpace();
    // V8's own heuristics leave half-live pages alone; compacting frees about half of them.
    assert.ok(compacted.size < fragmented.size - 0.25 * (fragmented.size - fragmented.used) - 4 * 2 ** 20, `${fragmented.size} → ${compacted.size} bytes`);
    // The flag is set back: a plain collection leaves a new half-live heap as it is.
    const second = halfLiveHeap(collect);
    const before = oldSpace();
    collect();
    assert.ok(oldSpace().size > before.size - 2 * 2 ** 20, `${before.size} → ${oldSpace().size} bytes`);
    assert.ok(first.length + second.length > 0);
  });
});
