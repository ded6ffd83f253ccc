import { constants, promises as fs, type Stats } from 'node:fs';
import { isLibvirtRootName, sniffedPrefixLength, sniffRootElementName } from '../../../protocol/src/libvirtRoot';
import { maxIndexedFileBytes } from '../host/fileCrawler';
import { nonRegularReason } from '../host/regularFile';

/*
 * Why a path named on the command line is not checked, said the way a user can act on it. The
 * command line is checked here, before the crawler reads anything, so that a FIFO, a device or a
 * huge file named explicitly is refused with its reason (exit 2) instead of vanishing from a walk.
 */

/** A path the user named that was not checked, and why ("is a FIFO"). */
export interface NotChecked {
  readonly path: string;
  readonly reason: string;
}

/** What the command accepts at a path: a domain file must be a file; `check` walks folders too. */
export type Accepted = 'file' | 'file or folder';

const reasonsByCode: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a part of the path is not a folder',
  ENAMETOOLONG: 'the name is too long',
};

/** An error of the file system in plain words, without node's code and path ("permission denied"). */
export function fileSystemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known = code === undefined ? undefined : reasonsByCode[code];
  return known ?? nodeErrorWords(error instanceof Error ? error.message : String(error));
}

/** Node's "EIO: i/o error, open '/x/a.xml'" without the path, which is printed beside it already. */
function nodeErrorWords(message: string): string {
  const nodeMessage = /^([A-Z]+): (.*), [a-z]+ '.*'$/s.exec(message);
  if (!nodeMessage) return message;
  const [, code, text] = nodeMessage;
  return reasonsByCode[code] ?? `${code}: ${text}`;
}

/** A named path that can be read: a regular file, or a folder to walk. */
export type ReadablePath = { readonly path: string; readonly kind: 'file' | 'folder' };

/** The named paths that can be read as what the command accepts, and why the others cannot (from their metadata: nothing is opened). */
export async function sortNamedPaths(
  paths: readonly string[],
  accepted: (path: string) => Accepted,
): Promise<{ readable: ReadablePath[]; notChecked: NotChecked[] }> {
  const readable: ReadablePath[] = [];
  const notChecked: NotChecked[] = [];
  for (const path of paths) {
    const found = await classifyNamedPath(path, accepted(path));
    if ('reason' in found) notChecked.push({ path, reason: found.reason });
    else readable.push({ path, kind: found.kind });
  }
  return { readable, notChecked };
}

async function classifyNamedPath(named: string, accepted: Accepted): Promise<{ kind: 'file' | 'folder' } | { reason: string }> {
  let stat: Stats;
  try {
    stat = await fs.stat(named);
  } catch (error) {
    const dangling = (error as NodeJS.ErrnoException).code === 'ENOENT' && (await isSymbolicLink(named));
    return { reason: dangling ? 'is a symbolic link to a missing file' : fileSystemReason(error) };
  }
  if (stat.isDirectory()) {
    if (accepted === 'file') return { reason: 'is a folder' };
    const denied = await whyNotAccessible(named, constants.R_OK | constants.X_OK);
    return denied ? { reason: denied } : { kind: 'folder' };
  }
  if (!stat.isFile()) return { reason: nonRegularReason(stat) ?? 'is not a regular file' };
  if (stat.size > maxIndexedFileBytes) return { reason: `is larger than ${maxIndexedFileBytes / 1024 / 1024} MiB` };
  const denied = await whyNotAccessible(named, constants.R_OK);
  return denied ? { reason: denied } : { kind: 'file' };
}

/**
 * Why a named regular file that the crawler did not make a document of is not libvirt XML,
 * judged from its first bytes; undefined when it is libvirt XML after all (the crawler read it
 * under another name: a symbolic link to a file listed too).
 */
export async function whyNotLibvirt(file: string): Promise<string | undefined> {
  let handle: fs.FileHandle;
  try {
    // Non-blocking: had the file become a FIFO since it was listed, opening it must not wait for a writer.
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return fileSystemReason(error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return nonRegularReason(stat);
    const prefix = Buffer.alloc(Math.min(stat.size, sniffedPrefixLength));
    const { bytesRead } = await handle.read(prefix, 0, prefix.length, 0);
    return contentReason(prefix.subarray(0, bytesRead));
  } catch (error) {
    return fileSystemReason(error);
  } finally {
    await handle.close();
  }
}

/** Why these first bytes of a file are not a libvirt document; undefined when they are. */
function contentReason(prefix: Buffer): string | undefined {
  if (prefix.length === 0) return 'is empty';
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff)) return 'is UTF-16 text, not UTF-8';
  const text = utf8Text(prefix);
  if (text === undefined) return 'is not UTF-8 text';
  const root = sniffRootElementName(text);
  if (isLibvirtRootName(root)) return undefined;
  return `is not a libvirt document (${root === undefined ? 'no XML root element' : `root element <${root}>`})`;
}

/** The bytes as UTF-8 text, or undefined when they are not (a NUL byte or an invalid sequence: binary). */
function utf8Text(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    // stream: a character cut at the end of the prefix is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

async function whyNotAccessible(named: string, mode: number): Promise<string | undefined> {
  try {
    await fs.access(named, mode);
    return undefined;
  } catch (error) {
    return fileSystemReason(error);
  }
}

async function isSymbolicLink(named: string): Promise<boolean> {
  try {
    return (await fs.lstat(named)).isSymbolicLink();
  } catch {
    return false;
  }
}
