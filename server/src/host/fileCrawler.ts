import { closeSync, fstatSync, openSync, promises as fs, readFileSync, type Dirent } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isLibvirtRootName, sniffRootElementName } from '../../../protocol/src/libvirtRoot';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';

/** Folders that never hold libvirt definitions worth indexing and can be huge. */
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.cache', '.vscode-test']);

/** A file larger than this is not indexed; it is reported instead (the editor still opens it). */
export const maxIndexedFileBytes = 8 * 1024 * 1024;

export interface CrawlResult {
  readonly documents: LibvirtDocument[];
  /** Files that could not be read or were too large, with the reason. */
  readonly skipped: Array<{ path: string; reason: string }>;
  /** How many .xml files were looked at. */
  readonly examined: number;
}

/** The host's libvirt network definitions, when present: what `virsh edit` sessions resolve against. */
export function hostNetworkFolders(): string[] {
  return ['/etc/libvirt/qemu/networks', path.join(os.homedir(), '.config/libvirt/qemu/networks')];
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
        if (entry.name.toLowerCase().endsWith('.xml')) {
          files.push(full);
          realPaths.set(full, path.join(real, entry.name));
        }
      } else await visit(full, false);
    }
  };
  const visit = async (entry: string, explicit: boolean): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(entry);
    } catch {
      if (explicit) throw new Error(`cannot read ${entry}: no such file or folder`);
      return;
    }
    if (stat.isDirectory()) await visitFolder(entry, explicit);
    else if (stat.isFile() && (explicit || entry.toLowerCase().endsWith('.xml'))) files.push(entry);
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
 * recognised from their first bytes and not parsed at all.
 */
export async function readLibvirtFile(filePath: string): Promise<LibvirtDocument | { skipped: string } | undefined> {
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  if (stat.size > maxIndexedFileBytes) return { skipped: `larger than ${maxIndexedFileBytes / 1024 / 1024} MiB, not indexed` };
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  if (!isLibvirtRootName(sniffRootElementName(text))) return undefined;
  return parseLibvirtDocument(fileUri(filePath), text);
}

/**
 * The same as readLibvirtFile, synchronously: the indexer reads a large workspace in short
 * synchronous slices (between which requests are served), which is several times faster than a
 * promise per file operation.
 */
export function readLibvirtFileSync(filePath: string): LibvirtDocument | { skipped: string } | undefined {
  const text = readTextFileSync(filePath);
  if (typeof text !== 'string') return text;
  if (!isLibvirtRootName(sniffRootElementName(text))) return undefined;
  return parseLibvirtDocument(fileUri(filePath), text);
}

/** A file's text (UTF-8), or why it is not read: missing, unreadable, or larger than maxIndexedFileBytes. */
function readTextFileSync(filePath: string): string | { skipped: string } {
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { skipped: `${filePath} is not a file` };
    if (stat.size > maxIndexedFileBytes) return { skipped: `larger than ${maxIndexedFileBytes / 1024 / 1024} MiB, not indexed` };
    return readFileSync(fd, 'utf8');
  } catch (error) {
    return { skipped: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

/** readTextFileSync, without blocking: for reads on the request path. */
export async function readTextFile(filePath: string): Promise<string | { skipped: string }> {
  let file: fs.FileHandle;
  try {
    file = await fs.open(filePath, 'r');
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  try {
    const stat = await file.stat();
    if (!stat.isFile()) return { skipped: `${filePath} is not a file` };
    if (stat.size > maxIndexedFileBytes) return { skipped: `larger than ${maxIndexedFileBytes / 1024 / 1024} MiB, not indexed` };
    return await file.readFile('utf8');
  } catch (error) {
    return { skipped: (error as Error).message };
  } finally {
    await file.close();
  }
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
