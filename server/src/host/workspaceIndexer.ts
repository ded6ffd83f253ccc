import { lstatSync, promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addChangedNames, noChangedNames } from '../index/changedNames';
import { hostFolderOrigin, networkFolderOrigin, workspaceOrigin, type DefinitionOrigin } from '../index/definitionOrigin';
import type { IndexChange, WorkspaceIndex } from '../index/workspaceIndex';
import { isIndexedFile } from '../model/indexedFile';
import { largeDocumentLength, type LibvirtDocument } from '../model/libvirtDocument';
import { runToEnd, whileCurrent, type SlicedWork } from '../util/slicedWork';
import { digestOf } from '../util/textDigest';
import { fileUri, isInSkippedFolder, libvirtDocumentInSlices, libvirtDocumentOf, listXmlFiles, readTextFile, readTextFileSync } from './fileCrawler';
import type { Skipped } from './regularFile';

/** The folders whose files feed the index besides the open documents. */
export interface IndexRoots {
  /** Workspace folders: a folder that cannot be read is reported. */
  readonly required: readonly string[];
  /** Extra network folders (the host's by default): read when readable, silently skipped otherwise. */
  readonly optional: readonly string[];
  /**
   * The optional folders are the host's libvirt folders (none configured): their networks are a
   * fallback behind the user's files and the libvirt connections, which read the same daemon.
   */
  readonly optionalAreHostFolders?: boolean;
}

export type CrawlProgress = (done: number, total: number) => void;

/** Runs sliced work to its end; the language server's lets the event loop turn between slices (lsp/slicedRunner.ts). */
export type SlicedRunner = <T>(work: SlicedWork<T>) => Promise<T>;

const runAtOnce: SlicedRunner = async (work) => runToEnd(work);

/**
 * Keeps the index in step with the files on disk: a full crawl of the roots (on start and when
 * the roots change), and single files as the watcher reports them. Open documents are never read
 * from disk; their unsaved text is what the index holds.
 */
export class WorkspaceIndexer {
  private roots: IndexRoots = { required: [], optional: [] };
  /** Files the index holds as read from disk (so a crawl can drop those that are gone). */
  private readonly fromDisk = new Set<string>();
  private generation = 0;
  /** The latest read of each large file being indexed in slices: an older one gives way to it. */
  private readonly largeReads = new Map<string, object>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly isOpen: (uri: string) => boolean,
    private readonly log: (message: string) => void,
    /** How a large file read from disk is indexed: at once, unless the server gives a runner that answers requests in between. */
    private readonly runSliced: SlicedRunner = runAtOnce,
  ) {}

  /**
   * Indexes every libvirt file under the roots and withdraws the files no longer there. Yields
   * to the event loop between files so requests are served meanwhile. Returns the network, pool
   * and filter names whose definitions changed, or undefined when a newer crawl took over.
   */
  async reindex(roots: IndexRoots, progress?: CrawlProgress): Promise<IndexChange | undefined> {
    this.roots = { required: roots.required.map(normalized), optional: roots.optional.map(normalized), optionalAreHostFolders: roots.optionalAreHostFolders };
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    const before = new Set(this.fromDisk);
    const changed = noChangedNames();
    const files = await this.listFiles();
    if (superseded()) return undefined;

    const seen = new Set<string>();
    // Files are read and parsed synchronously in slices of a few milliseconds; between slices the
    // event loop serves requests and edits. (A promise per file operation costs several times more.)
    const realFolders = new Map<string, string | undefined>();
    let sliceStart = performance.now();
    for (let i = 0; i < files.length; i++) {
      progress?.(i, files.length);
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToEventLoop();
        if (superseded()) return undefined;
        sliceStart = performance.now();
      }
      const uri = fileUri(files[i]);
      seen.add(uri);
      if (this.isOpen(uri) || this.isAliasOfIndexedFileSync(files[i], realFolders)) continue;
      const indexed = this.textIntoIndex(files[i], uri, readTextFileSync(files[i]));
      if (!(indexed instanceof Promise)) {
        addChangedNames(changed, indexed);
        continue;
      }
      addChangedNames(changed, await indexed);
      if (superseded()) return undefined;
      sliceStart = performance.now();
    }
    await yieldToEventLoop();
    if (superseded()) return undefined;
    for (const uri of before) {
      if (seen.has(uri) || !this.fromDisk.has(uri)) continue;
      this.fromDisk.delete(uri);
      if (!this.isOpen(uri)) addChangedNames(changed, this.index.remove(uri));
    }
    progress?.(files.length, files.length);
    return changed;
  }

  /** A file was created or changed on disk (or its editor closed): the index takes what the disk holds. */
  async reloadFromDisk(uri: string): Promise<IndexChange> {
    const changed = noChangedNames();
    const filePath = pathOfUri(uri);
    if (!filePath || !this.isUnderRoots(filePath) || (await this.isAliasOfIndexedFile(filePath))) {
      this.fromDisk.delete(uri);
      if (!this.isOpen(uri)) addChangedNames(changed, this.index.remove(uri));
      return changed;
    }
    addChangedNames(changed, await this.readIntoIndex(filePath, uri));
    return changed;
  }

  /**
   * A path was created on disk that is no XML file. When it is a folder (mkdir, cp -r, git
   * checkout), each XML file under it is read: VS Code's watcher reports the new folder, but not
   * always the files written into it before it watched the folder.
   */
  async folderCreated(uri: string): Promise<IndexChange> {
    const changed = noChangedNames();
    const folderPath = pathOfUri(uri);
    if (!folderPath || !this.isUnderRoots(folderPath) || this.isInSkippedFolder(folderPath)) return changed;
    const isFolder = await fs.stat(folderPath).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (!isFolder) return changed;
    const files = await listXmlFiles([folderPath]).catch(() => []);
    for (const file of files) {
      const fileUriOfFolder = fileUri(file);
      if (!this.isOpen(fileUriOfFolder)) addChangedNames(changed, await this.reloadFromDisk(fileUriOfFolder));
    }
    return changed;
  }

  /** Whether a path lies in a folder the crawl skips (node_modules, .git, ...) below its root. */
  private isInSkippedFolder(filePath: string): boolean {
    const target = normalized(filePath);
    const root = [...this.roots.required, ...this.roots.optional].find((candidate) => isUnder(target, [candidate]));
    return root !== undefined && isInSkippedFolder(path.relative(root, target));
  }

  /** A file or a whole folder was deleted. */
  removeFromDisk(uri: string): IndexChange {
    const changed = noChangedNames();
    const folderPrefix = uri.endsWith('/') ? uri : `${uri}/`;
    for (const indexed of [...this.fromDisk]) {
      if (indexed !== uri && !indexed.startsWith(folderPrefix)) continue;
      this.fromDisk.delete(indexed);
      if (!this.isOpen(indexed)) addChangedNames(changed, this.index.remove(indexed));
    }
    return changed;
  }

  isUnderRoots(filePath: string): boolean {
    return isUnder(filePath, [...this.roots.required, ...this.roots.optional]);
  }

  /**
   * A file of a workspace folder is the workspace's; one of an extra folder only is the configured
   * network folders' or, when none is configured, the host's (a fallback definition).
   */
  private originOfPath(filePath: string): DefinitionOrigin {
    if (isUnder(filePath, this.roots.required) || !isUnder(filePath, this.roots.optional)) return workspaceOrigin;
    return this.roots.optionalAreHostFolders ? hostFolderOrigin : networkFolderOrigin;
  }

  private async readIntoIndex(filePath: string, uri: string): Promise<IndexChange | undefined> {
    const text = await readTextFile(filePath);
    // The file may have been opened while it was read: then the editor's text wins.
    if (this.isOpen(uri)) return undefined;
    // Closed as it was when it was opened: the index takes back the record it had (see WorkspaceIndex.shelved).
    const shelved = typeof text === 'string' ? this.index.shelvedRecord(uri, digestOf(text)) : undefined;
    if (shelved) {
      this.fromDisk.add(uri);
      return this.index.update(shelved, this.originOfPath(filePath));
    }
    return this.textIntoIndex(filePath, uri, text);
  }

  /**
   * A file's text into the index: at once, or, for a large file (a 5 MB domain would hold every
   * request for a second), in slices of its own (issue 14), which the promise ends.
   */
  private textIntoIndex(filePath: string, uri: string, text: string | Skipped): IndexChange | undefined | Promise<IndexChange | undefined> {
    const large = typeof text === 'string' && text.length >= largeDocumentLength ? libvirtDocumentInSlices(filePath, text) : undefined;
    if (large) return this.intoIndexInSlices(filePath, uri, large);
    return this.intoIndex(filePath, uri, libvirtDocumentOf(filePath, text));
  }

  /**
   * A large file (a 5 MB domain created on disk) is parsed and its record made in slices, so the
   * server answers requests for other documents meanwhile (issue 14); the index takes it at once,
   * in the last slice. Dropped (undefined) when the file is opened or read again meanwhile.
   */
  private async intoIndexInSlices(filePath: string, uri: string, parse: SlicedWork<LibvirtDocument>): Promise<IndexChange | undefined> {
    const read = {};
    this.largeReads.set(uri, read);
    const current = () => this.largeReads.get(uri) === read && !this.isOpen(uri);
    const started = performance.now();
    this.log(`indexing ${filePath} in slices`);
    try {
      const change = await this.runSliced(whileCurrent(this.indexInSlices(filePath, uri, parse), current));
      this.log(change ? `indexed ${filePath} in ${Math.round(performance.now() - started)} ms` : `indexing ${filePath} gave way to a newer text`);
      return change;
    } finally {
      if (this.largeReads.get(uri) === read) this.largeReads.delete(uri);
    }
  }

  private *indexInSlices(filePath: string, uri: string, parse: SlicedWork<LibvirtDocument>): SlicedWork<IndexChange> {
    const document = yield* parse;
    const change = yield* this.index.updateClosedInSlices(document, this.originOfPath(filePath));
    this.fromDisk.add(uri);
    return change;
  }

  private intoIndex(filePath: string, uri: string, result: LibvirtDocument | { skipped: string } | undefined): IndexChange | undefined {
    if (result && !('skipped' in result)) {
      this.fromDisk.add(uri);
      // A file that is not open is kept as a record (its model and line starts, not its tree and text).
      return this.index.updateClosed(result, this.originOfPath(filePath));
    }
    if (result) this.log(`not indexed: ${filePath}: ${result.skipped}`);
    this.fromDisk.delete(uri);
    return this.index.remove(uri);
  }

  /**
   * The text of a file the index holds as read from disk, as the disk has it now. When that is
   * not the text that was indexed (the file changed or went away, and the watcher has not said so
   * yet), the index reads the file again.
   */
  async readText(uri: string): Promise<string | undefined> {
    const filePath = pathOfUri(uri);
    if (!filePath || !this.fromDisk.has(uri)) return undefined;
    const read = await readTextFile(filePath);
    const text = typeof read === 'string' ? read : undefined;
    const indexed = this.index.get(uri);
    if (indexed && isIndexedFile(indexed) && (text === undefined || digestOf(text) !== indexed.digest)) this.reloadWhenStale(uri);
    return text;
  }

  private async listFiles(): Promise<string[]> {
    const files = new Set<string>();
    for (const root of this.roots.required) {
      try {
        for (const file of await listXmlFiles([root])) files.add(file);
      } catch (error) {
        this.log(`cannot index ${root}: ${(error as Error).message}`);
      }
    }
    for (const root of this.roots.optional) {
      try {
        for (const file of await listXmlFiles([root])) files.add(file);
      } catch {
        // The host's libvirt folders are read when readable; their absence is normal.
      }
    }
    return [...files];
  }

  /**
   * A file was found changed on disk since it was indexed (the watcher will say so too, but
   * perhaps later): read it again, unless a newer text (open, or reloaded) took its place.
   */
  private reloadWhenStale(uri: string): void {
    setImmediate(() => {
      if (this.isOpen(uri) || !this.fromDisk.has(uri)) return;
      this.reloadFromDisk(uri).catch((error: unknown) => this.log(`cannot read ${uri} again: ${(error as Error).message}`));
    });
  }

  /** isAliasOfIndexedFile, synchronously, resolving each folder once per crawl. */
  private isAliasOfIndexedFileSync(filePath: string, realFolders: Map<string, string | undefined>): boolean {
    try {
      const resolved = path.resolve(filePath);
      let real: string;
      if (lstatSync(resolved).isSymbolicLink()) real = realpathSync(resolved);
      else {
        const folder = path.dirname(resolved);
        let realFolder = realFolders.get(folder);
        if (!realFolders.has(folder)) realFolders.set(folder, (realFolder = realpathSync(folder)));
        if (realFolder === undefined) return false;
        real = realFolder === folder ? resolved : path.join(realFolder, path.basename(resolved));
      }
      return real !== resolved && this.isUnderRoots(real);
    } catch {
      return false;
    }
  }

  /**
   * A symbolic link to a file that is itself indexed (libvirt's `networks/autostart/*.xml`
   * point at the definitions next to them) would define the same network twice.
   */
  private async isAliasOfIndexedFile(filePath: string): Promise<boolean> {
    try {
      const real = await fs.realpath(filePath);
      return real !== path.resolve(filePath) && this.isUnderRoots(real);
    } catch {
      return false;
    }
  }
}

function isUnder(filePath: string, roots: readonly string[]): boolean {
  const target = normalized(filePath);
  return roots.some((root) => target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

function normalized(folder: string): string {
  const resolved = path.resolve(folder);
  return resolved.length > 1 && resolved.endsWith(path.sep) ? resolved.slice(0, -1) : resolved;
}

export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** How long the crawl works before it lets the event loop serve requests. */
const sliceMs = 4;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
