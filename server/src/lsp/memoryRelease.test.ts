import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { largeDocumentHeapGrowthPercent, MemoryRelease } from './memoryRelease';

describe('giving memory back after a large document is closed', () => {
  it('collects once more when all was quiet for five seconds after, so that V8 may shrink its young generation', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let collections = 0;
      const release = new MemoryRelease(() => collections++);
      release.collectSoon();
      mock.timers.tick(1000);
      assert.equal(collections, 1);
      mock.timers.tick(4999);
      assert.equal(collections, 1);
      mock.timers.tick(1);
      assert.equal(collections, 2);
      mock.timers.tick(60_000);
      assert.equal(collections, 2, 'and then no more');
      release.collectSoon();
      mock.timers.tick(1000);
      release.collectSoon(); // a close during the quiet time: the settling waits for the new one
      mock.timers.tick(5000);
      assert.equal(collections, 4);
      release.dispose();
    } finally {
      mock.timers.reset();
    }
  });

  it('collects once, after the quiet time that follows the last close', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let collections = 0;
      const release = new MemoryRelease(() => collections++);
      release.collectSoon();
      mock.timers.tick(500);
      release.collectSoon();
      mock.timers.tick(999);
      assert.equal(collections, 0);
      mock.timers.tick(1);
      assert.equal(collections, 1);
      release.dispose();
    } finally {
      mock.timers.reset();
    }
  });

  it('collects after closed documents add up to a large one, not after each small one', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let collections = 0;
      const release = new MemoryRelease(() => collections++);
      for (let i = 0; i < 63; i++) release.documentClosed(4096);
      mock.timers.tick(2000);
      assert.equal(collections, 0);
      release.documentClosed(4096);
      mock.timers.tick(1000);
      assert.equal(collections, 1);
      release.documentClosed(300 * 1024);
      mock.timers.tick(1000);
      assert.equal(collections, 2);
      release.dispose();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('the last regular expression match', () => {
  it('is forgotten before collecting: a closed document text matched last is not kept for RegExp.input', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let inputWhenCollected: string | undefined;
      const release = new MemoryRelease(() => (inputWhenCollected = RegExp.input));
      /<name>([^<]*)<\/name>/.exec('<network>\n  <name>lab</name>\n</network>\n');
      release.collectSoon();
      mock.timers.tick(1000);
      assert.equal(inputWhenCollected, '');
      release.dispose();
    } finally {
      mock.timers.reset();
    }
  });
});

describe("V8's heap growth while a large document is open", () => {
  it('is capped from the first large document opened until the last one closes or shrinks, then left to V8 again', () => {
    const limits: number[] = [];
    const release = new MemoryRelease(
      () => undefined,
      (percent) => limits.push(percent),
    );
    release.openDocumentSize('file:///small.xml', false);
    assert.deepEqual(limits, []);
    release.openDocumentSize('file:///huge.xml', true);
    release.openDocumentSize('file:///huge.xml', true);
    release.openDocumentSize('file:///other.xml', true);
    assert.deepEqual(limits, [largeDocumentHeapGrowthPercent]);
    release.openDocumentSize('file:///huge.xml', false);
    assert.deepEqual(limits, [largeDocumentHeapGrowthPercent]);
    release.openDocumentSize('file:///other.xml', false);
    assert.deepEqual(limits, [largeDocumentHeapGrowthPercent, 0]);
    release.openDocumentSize('file:///huge.xml', true);
    release.dispose();
    assert.deepEqual(limits, [largeDocumentHeapGrowthPercent, 0, largeDocumentHeapGrowthPercent, 0]);
  });
});
