import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { brokenPipeStatus, exitQuietlyWhenReaderGoesAway } from './brokenPipe';
import { domainWith, tempTree } from '../testing';

describe('broken pipe', () => {
  test('EPIPE on the stream exits with the SIGPIPE status; other errors are left alone', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyWhenReaderGoesAway(stream, (status) => exits.push(status));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    assert.deepEqual(exits, [brokenPipeStatus]);
    assert.equal(brokenPipeStatus, 128 + 13);
    assert.throws(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' })), /EIO/);
  });

  test('`libvirt-xml check … | head -1`: no stack trace, exit status 141', { timeout: 30_000 }, async () => {
    // Far more output than the pipe holds (node's 'pipe' is a socket pair: a few hundred KiB on Linux),
    // so the CLI is still writing when the reader leaves, however fast it writes (check writes in 64 KiB chunks).
    const missing = `<interface type='network'><source network='${'n'.repeat(300)}'/></interface>`;
    const { dir, cleanup } = tempTree({ 'd.xml': domainWith(...Array.from({ length: 2000 }, () => missing)) });
    try {
      const child = spawn(process.execPath, [path.join(__dirname, 'main.js'), 'check', dir, '--no-host-networks'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.stdout.once('data', () => child.stdout.destroy()); // the reader reads a first line and goes away
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
      assert.equal(stderr, '');
      assert.deepEqual([code, signal], [141, null]);
    } finally {
      cleanup();
    }
  });
});
