import { promises as fs, type Dirent } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isLibvirtRootName, sniffRootElementName } from '../../../protocol/src/libvirtRoot';
import { parseLibvirtDocument, parseLibvirtDocumentInSlices, type LibvirtDocument } from '../model/libvirtDocument';
import type { SlicedWork } from '../util/slicedWork';
import { errorReason, readRegularFile, readRegularFileSync, type Skipped } from './regularFile';

/** Folders that never hold libvirt definitions worth indexing and can be huge. */
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.cache', '.vscode-test']);

/** Whether a path below a root (relative to it) lies in a folder the crawl skips (node_modules, .git, ...). */
export function isInSkippedFolder(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).some((segment) => skippedFolders.has(segment));
}

/** Whether a file name is one the crawl lists (`*.xml`, any case). */
export function isXmlFileName(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.xml');
}

/** A file larger than this is not indexed; it is reported instead (the editor still opens it). */
export const maxIndexedFileBytes = 8 * 1024 * 1024;

export interface CrawlResult {
  readonly documents: LibvirtDocument[];
  /** Files that could not be read or were too large, with the reason. */
  readonly skipped: Array<{ path: string; reason: string }>;
  /** How many .xml files were looked at. */
  readonly examined: number;
}

/**
 * The host's libvirt definitions of networks, storage pools and network filters, when present:
 * what `virsh edit` sessions resolve against (the system daemon's folders, then the session's).
 */
export function hostLibvirtFolders(): string[] {
  const session = path.join(os.homedir(), '.config/libvirt');
  return [
    '/etc/libvirt/qemu/networks',
    path.join(session, 'qemu/networks'),
    '/etc/libvirt/storage',
    path.join(session, 'storage'),
    '/etc/libvirt/nwfilter',
    path.join(session, 'nwfilter'),
  ];
}

export function fileUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).href;
}

/** Every `*.xml` file under the given files and folders (recursive), in a stable order. */
export async function listXmlFiles(roots: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  /** The real path of each file listed from a folder's entries: its folder's real path and its name (it is no link). */
  const realPaths = new Map<string, string>();
  const seenFolders = new Set<string>();
  const visitFolder = async (folder: string, explicit: boolean): Promise<void> => {
    const real = await fs.realpath(folder).catch(() => folder);
    if (seenFolders.has(real)) return; // a symlink loop
    seenFolders.add(real);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (explicit) throw new Error(`cannot read ${folder}: ${(error as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (skippedFolders.has(entry.name)) continue;
      const full = path.join(folder, entry.name);
      // The entry's type comes with the listing; only a symbolic link (or an unknown type) needs a stat.
      if (entry.isDirectory()) await visitFolder(full, false);
      else if (entry.isFile()) {
        if (isXmlFileName(entry.name)) {
          files.push(full);
          realPaths.set(full, path.join(real, entry.name));
        }
      } else await visit(full, false);
    }
  };
  // Whatever else bears an .xml name (a FIFO, a device, a link loop) is listed too: the reader
  // skips it without opening it and says why. Only a link to nothing is no file at all.
  const visit = async (entry: string, explicit: boolean): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(entry);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (explicit) throw new Error(`cannot read ${entry}: ${missing ? 'no such file or folder' : errorReason(error)}`);
      if (!missing && entry.toLowerCase().endsWith('.xml')) files.push(entry);
      return;
    }
    if (stat.isDirectory()) await visitFolder(entry, explicit);
    else if (explicit || entry.toLowerCase().endsWith('.xml')) files.push(entry);
  };
  for (const root of roots) await visit(root, true);
  return withoutAliases(files, realPaths);
}

/**
 * Drops a path that is a symbolic link to a file listed too: libvirt's `networks/autostart/*.xml`
 * link to the definitions beside them and would define each network twice. The real file wins.
 */
async function withoutAliases(files: readonly string[], knownRealPaths: ReadonlyMap<string, string>): Promise<string[]> {
  const byRealPath = new Map<string, string>();
  for (const file of files) {
    // Only links (and files named explicitly) need a system call; a workspace of thousands of files has few.
    const real = knownRealPaths.get(file) ?? (await fs.realpath(file).catch(() => file));
    const kept = byRealPath.get(real);
    if (kept === undefined || (kept !== real && path.resolve(file) === real)) byRealPath.set(real, file);
  }
  const keep = new Set(byRealPath.values());
  return files.filter((file) => keep.has(file));
}

/**
 * Reads one file as a libvirt document. Files whose root element is not a libvirt object are
 * recognised from their first bytes and not parsed at all. What is not a regular file, or is
 * larger than maxIndexedFileBytes, is skipped with the reason (see regularFile.ts).
 */
export async function readLibvirtFile(filePath: string): Promise<LibvirtDocument | Skipped | undefined> {
  return libvirtDocumentOf(filePath, await readTextFile(filePath));
}

/** The document a file's text is, when it is libvirt XML (or why it was not read). */
export function libvirtDocumentOf(filePath: string, text: string | Skipped): LibvirtDocument | Skipped | undefined {
  if (typeof text !== 'string') return text;
  if (!isLibvirtRootName(sniffRootElementName(text))) return undefined;
  return parseLibvirtDocument(fileUri(filePath), text);
}

/**
 * A file's text (UTF-8), or why it is not read, synchronously: the indexer reads a large workspace
 * in short synchronous slices (between which requests are served), which is several times faster
 * than a promise per file operation. It checks the file's type before opening it, so it never blocks.
 */
export function readTextFileSync(filePath: string): string | Skipped {
  return readRegularFileSync(filePath, maxIndexedFileBytes);
}

/** libvirtDocumentOf in slices (see SlicedWork), for a large text; undefined when it is not libvirt XML. */
export function libvirtDocumentInSlices(filePath: string, text: string): SlicedWork<LibvirtDocument> | undefined {
  if (!isLibvirtRootName(sniffRootElementName(text))) return undefined;
  return parseLibvirtDocumentInSlices(fileUri(filePath), text);
}

/** A file's text (UTF-8), or why it is not read: see readRegularFile. Never blocks: for reads on the request path. */
export function readTextFile(filePath: string): Promise<string | Skipped> {
  return readRegularFile(filePath, maxIndexedFileBytes);
}

/** Reads every libvirt document under the roots; optional roots that do not exist are ignored. */
export async function crawl(roots: readonly string[], optionalRoots: readonly string[] = []): Promise<CrawlResult> {
  const files = await listXmlFiles(roots);
  for (const optional of optionalRoots) {
    try {
      files.push(...(await listXmlFiles([optional])));
    } catch {
      // The host's libvirt folders are read when readable; their absence is normal.
    }
  }
  const documents: LibvirtDocument[] = [];
  const skipped: CrawlResult['skipped'] = [];
  for (const file of files) {
    const result = await readLibvirtFile(file);
    if (result === undefined) continue;
    if ('skipped' in result) skipped.push({ path: file, reason: result.skipped });
    else documents.push(result);
  }
  return { documents, skipped, examined: files.length };
}
