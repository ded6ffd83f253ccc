import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, statSync, type Stats } from 'node:fs';

/**
 * Reading a file that a user's folder holds, whatever it turns out to be. Only regular files are
 * opened for reading, and no read waits or runs away: a FIFO's open would wait for a writer
 * (pinning one of libuv's four file-system threads, or the main thread, for good), and a device
 * such as /dev/zero never ends. So the path is stat'ed first, opened without blocking, the opened
 * handle's type and size checked with fstat, and at most `maxBytes` + 1 bytes read from it.
 */

/** Why a file was not read, in words for the user: see `nonRegularReason`, `tooLargeReason`, `errorReason`. */
export interface Skipped {
  readonly skipped: string;
}

/**
 * O_NONBLOCK: a FIFO put in place of the file between the stat and the open makes the open return
 * at once instead of waiting for a writer (fstat then refuses it). A regular file ignores it.
 */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a path is when it is not a regular file: "is a FIFO", "is a character device", "is a folder", … */
export function nonRegularReason(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a folder';
  if (stat.isFIFO()) return 'is a FIFO';
  if (stat.isCharacterDevice()) return 'is a character device';
  if (stat.isBlockDevice()) return 'is a block device';
  if (stat.isSocket()) return 'is a socket';
  return 'is not a regular file';
}

/** "larger than 8 MiB, not indexed". */
export function tooLargeReason(maxBytes: number): string {
  return `larger than ${formatMiB(maxBytes)} MiB, not indexed`;
}

function formatMiB(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 100) / 100);
}

/**
 * The operating system's words and code, without the path the caller names anyway:
 * "permission denied (EACCES)", "too many symbolic links encountered (ELOOP)".
 */
export function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error.message;
  // Node writes system errors as "EACCES: permission denied, open '/the/path'".
  const prefix = `${code}: `;
  if (!error.message.startsWith(prefix)) return `${error.message} (${code})`;
  return `${error.message.slice(prefix.length).split(', ')[0]} (${code})`;
}

/** Why an opened file is not read (fstat of the handle: what was opened, not what the path named before). */
function openedFileReason(stat: Stats, maxBytes: number): string | undefined {
  return nonRegularReason(stat) ?? (stat.size > maxBytes ? tooLargeReason(maxBytes) : undefined);
}

/** The text (UTF-8) of a regular file of at most `maxBytes`, or why it is not read. Never blocks on what it finds. */
export async function readRegularFile(filePath: string, maxBytes: number): Promise<string | Skipped> {
  let file: fs.FileHandle;
  try {
    const reason = nonRegularReason(await fs.stat(filePath));
    if (reason) return { skipped: reason };
    file = await fs.open(filePath, openFlags);
  } catch (error) {
    return { skipped: errorReason(error) };
  }
  try {
    const stat = await file.stat();
    const reason = openedFileReason(stat, maxBytes);
    if (reason) return { skipped: reason };
    const bounded = new BoundedBuffer(stat.size, maxBytes);
    for (;;) {
      const space = bounded.space();
      if (!space) return { skipped: tooLargeReason(maxBytes) };
      const { bytesRead } = await file.read(space.buffer, space.offset, space.length, null);
      if (bytesRead === 0) return bounded.text();
      bounded.advance(bytesRead);
    }
  } catch (error) {
    return { skipped: errorReason(error) };
  } finally {
    await file.close();
  }
}

/**
 * readRegularFile, synchronously: for the workspace crawl, which reads in short synchronous
 * slices (a promise per file operation costs several times more). The same checks, so it cannot
 * block either.
 */
export function readRegularFileSync(filePath: string, maxBytes: number): string | Skipped {
  let fd: number;
  try {
    const reason = nonRegularReason(statSync(filePath));
    if (reason) return { skipped: reason };
    fd = openSync(filePath, openFlags);
  } catch (error) {
    return { skipped: errorReason(error) };
  }
  try {
    const stat = fstatSync(fd);
    const reason = openedFileReason(stat, maxBytes);
    if (reason) return { skipped: reason };
    const bounded = new BoundedBuffer(stat.size, maxBytes);
    for (;;) {
      const space = bounded.space();
      if (!space) return { skipped: tooLargeReason(maxBytes) };
      const bytesRead = readSync(fd, space.buffer, space.offset, space.length, null);
      if (bytesRead === 0) return bounded.text();
      bounded.advance(bytesRead);
    }
  } catch (error) {
    return { skipped: errorReason(error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A buffer that never holds more than `maxBytes` + 1 bytes: sized for what fstat said (and one
 * byte more, to see the end at once), grown only when the file turns out longer than it said.
 * Once it holds `maxBytes` + 1 bytes the file is too large, and nothing more is read.
 */
class BoundedBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(
    sizeHint: number,
    private readonly maxBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(Math.max(sizeHint, 1023), maxBytes) + 1);
  }

  /** Where the next read goes, or undefined when the cap is passed. */
  space(): { buffer: Buffer; offset: number; length: number } | undefined {
    if (this.length === this.buffer.length) {
      if (this.length > this.maxBytes) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(this.buffer.length * 2, this.maxBytes + 1));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    return { buffer: this.buffer, offset: this.length, length: this.buffer.length - this.length };
  }

  advance(bytes: number): void {
    this.length += bytes;
  }

  text(): string {
    return this.buffer.toString('utf8', 0, this.length);
  }
}
