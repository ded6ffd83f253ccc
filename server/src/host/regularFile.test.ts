import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from '../testing';
import { makeFifo, skipWithoutSpecialFiles } from '../testing/specialFiles';
import { errorReason, readRegularFile, readRegularFileSync } from './regularFile';

/** Both readers, so every case is checked for each. */
const readers = [
  { name: 'readRegularFile', read: readRegularFile },
  { name: 'readRegularFileSync', read: (filePath: string, maxBytes: number) => Promise.resolve(readRegularFileSync(filePath, maxBytes)) },
];

for (const { name, read } of readers) {
  describe(name, () => {
    test('reads a regular file whole, up to the cap; one byte more is too large', async () => {
      const { dir, cleanup } = tempTree({ 'ten.xml': '<a>é</a>\n', 'empty.xml': '' });
      try {
        assert.equal(await read(path.join(dir, 'ten.xml'), 10), '<a>é</a>\n');
        assert.equal(await read(path.join(dir, 'empty.xml'), 10), '');
        assert.deepEqual(await read(path.join(dir, 'ten.xml'), 9), { skipped: 'larger than 0 MiB, not indexed' });
      } finally {
        cleanup();
      }
    });

    test('skips a FIFO, a device and a folder without reading them, saying what each is', { skip: skipWithoutSpecialFiles, timeout: 5000 }, async () => {
      const { dir, cleanup } = tempTree({});
      try {
        makeFifo(path.join(dir, 'fifo.xml'));
        fs.symlinkSync('/dev/zero', path.join(dir, 'zero.xml'));
        fs.mkdirSync(path.join(dir, 'folder.xml'));
        assert.deepEqual(await read(path.join(dir, 'fifo.xml'), 1024), { skipped: 'is a FIFO' });
        assert.deepEqual(await read(path.join(dir, 'zero.xml'), 1024), { skipped: 'is a character device' });
        assert.deepEqual(await read(path.join(dir, 'folder.xml'), 1024), { skipped: 'is a folder' });
      } finally {
        cleanup();
      }
    });

    test('says what the system said for a missing file or a link loop', async () => {
      const { dir, cleanup } = tempTree({});
      try {
        fs.symlinkSync('loop.xml', path.join(dir, 'loop.xml'));
        assert.deepEqual(await read(path.join(dir, 'missing.xml'), 1024), { skipped: 'no such file or directory (ENOENT)' });
        const loop = await read(path.join(dir, 'loop.xml'), 1024);
        assert.ok(typeof loop !== 'string' && /\(ELOOP\)$/.test(loop.skipped), JSON.stringify(loop));
      } finally {
        cleanup();
      }
    });

    test(
      'a file longer than fstat says (like those in /proc) is read only up to the cap',
      { skip: fs.existsSync('/proc/self/status') ? false : 'no /proc' },
      async () => {
        assert.equal(fs.statSync('/proc/self/status').size, 0);
        assert.deepEqual(await read('/proc/self/status', 64), { skipped: 'larger than 0 MiB, not indexed' });
        const whole = await read('/proc/self/status', 1024 * 1024);
        assert.ok(typeof whole === 'string' && whole.startsWith('Name:'), JSON.stringify(whole).slice(0, 100));
      },
    );
  });
}

describe('errorReason', () => {
  test("keeps the system's words and code, not the path", () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/secret/net.xml'"), { code: 'EACCES' });
    assert.equal(errorReason(error), 'permission denied (EACCES)');
    assert.equal(errorReason(new Error('plain')), 'plain');
  });
});
