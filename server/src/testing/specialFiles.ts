/*
 * Files that are not regular files, for the tests of what reads the user's folders: FIFOs, links
 * to devices. Not a test file itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Creates a FIFO (named pipe): opening it for reading waits for a writer, reading it waits for data. */
export function makeFifo(filePath: string): void {
  execFileSync('mkfifo', [filePath]);
}

/** Why a test of FIFOs and devices cannot run here, or false when it can. */
export const skipWithoutSpecialFiles: string | false =
  process.platform === 'win32' ? 'no FIFOs or /dev/zero on Windows' : existsSync('/dev/zero') ? false : 'no /dev/zero';
