import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runToEnd, type SlicedWork } from './slicedWork';

describe('sliced work', () => {
  it('runs to its end at once and gives the value', () => {
    function* counted(): SlicedWork<number> {
      let slices = 0;
      for (let i = 0; i < 3; i++) {
        slices++;
        yield;
      }
      return slices;
    }
    assert.equal(runToEnd(counted()), 3);
  });
});
