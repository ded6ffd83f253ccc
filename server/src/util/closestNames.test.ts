import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closestNames, editDistance } from './closestNames';

/** A small seeded generator: the same pairs on every run. */
function words(seed: number, count: number): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const base = 'lan-0012';
  return Array.from({ length: count }, () => {
    let word = base;
    for (let edits = Math.floor(next() * 6); edits > 0; edits--) {
      const at = Math.floor(next() * (word.length + 1));
      const letter = 'an-0123x'[Math.floor(next() * 8)];
      const kind = next();
      word =
        kind < 0.33
          ? word.slice(0, at) + letter + word.slice(at)
          : kind < 0.66
            ? word.slice(0, at) + word.slice(at + 1)
            : word.slice(0, at) + letter + word.slice(at + 1);
    }
    return word;
  });
}

describe('editDistance with a limit', () => {
  test('the exact distance when within the limit, a number above it otherwise', () => {
    const list = words(19, 120);
    for (const a of list) {
      for (const b of list) {
        const exact = editDistance(a, b);
        for (const limit of [0, 1, 2, 3]) {
          const bounded = editDistance(a, b, limit);
          if (exact <= limit) assert.equal(bounded, exact, `${a} ${b} within ${limit}`);
          else assert.ok(bounded > limit, `${a} ${b}: ${bounded} should exceed ${limit} (exact ${exact})`);
        }
      }
    }
  });

  test('a transposition costs one, also next to the limit', () => {
    assert.equal(editDistance('xyzyz', 'xyzzy', 1), 1);
    assert.equal(editDistance('ab', 'ba', 0), 1);
    assert.equal(editDistance('lan-0012', 'lna-0021', 2), 2);
  });
});

describe('closestNames', () => {
  test('suggests the names within a third of the letters, closest first', () => {
    assert.deepEqual(closestNames('lan-0012x', ['lan-0012', 'lan-0013', 'wan-9999', 'lan-0012xyzwvu']), ['lan-0012', 'lan-0013']);
    assert.deepEqual(closestNames('defualt', ['default', 'isolated']), ['default']);
    assert.deepEqual(closestNames('LAN', ['lan']), ['lan']);
  });
});

describe('closestNames keeps the best few', () => {
  /** The answer of the plain definition: every name within reach, scored, sorted, the first few. */
  function reference(written: string, candidates: readonly string[], limit: number): string[] {
    const lowered = written.toLowerCase();
    return [...new Set(candidates)]
      .filter((name) => name !== written)
      .map((name) => {
        const allowed = Math.max(1, Math.floor(Math.max(written.length, name.length) / 3));
        const distance = name.toLowerCase() === lowered ? 0.5 : editDistance(lowered, name.toLowerCase());
        return { name, distance, allowed };
      })
      .filter((s) => s.distance <= s.allowed)
      .sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : 1))
      .slice(0, limit)
      .map((s) => s.name);
  }

  test('the same names, in the same order, as scoring every candidate', () => {
    const list = [...words(7, 300), 'LAN-0012', 'Lan-0012'];
    for (const written of list.slice(0, 80)) {
      for (const limit of [1, 3]) assert.deepEqual(closestNames(written, list, limit), reference(written, list, limit), `${written} (${limit})`);
    }
  });
});
