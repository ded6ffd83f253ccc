import { isLibvirtRootName, sniffRootElementName } from '../../../protocol/src/libvirtRoot';
import { crawl, fileUri, hostLibvirtFolders, listXmlFiles, maxIndexedFileBytes } from '../host/fileCrawler';
import { readRegularFileSync } from '../host/regularFile';
import { hostFolderOrigin } from '../index/definitionOrigin';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { isDefinition } from '../model/definitionKinds';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { sortNamedPaths, whyNotLibvirt, type NotChecked } from './namedPaths';

/**
 * `check`'s first pass over the named paths: every network, storage pool, volume and network
 * filter parsed and indexed (every domain's
 * references resolve against all of them), every libvirt file listed, to be read, checked and
 * dropped one at a time by the second pass (see checkCommand). The index keeps a network as the
 * language server keeps a closed file (its record: model and line starts, not text and tree), so
 * the memory `check` holds is the networks' records plus one document, not the tree.
 */
export interface WorkspaceSurvey {
  readonly index: WorkspaceIndex;
  /** The libvirt files the user named (directly or in a folder), sorted by URI: the order findings are reported in. */
  readonly reported: readonly ReportedFile[];
  /** The named files the index holds (networks, pools, volumes, filters), in the order they were indexed. */
  readonly definitions: readonly ReportedFile[];
  /** The paths named on the command line that were not checked, with the reason, in command-line order. */
  readonly notChecked: readonly NotChecked[];
  /** Files found in a walk of a named folder and not read (too large, unreadable), with the crawler's reason. */
  readonly skippedInFolders: ReadonlyArray<{ path: string; reason: string }>;
}

/** A named libvirt file, read (again, for a network) when its turn comes. */
export interface ReportedFile {
  readonly uri: string;
  readonly path: string;
}

/**
 * Reads the named paths and, unless told not to, the host's libvirt network folders (they only
 * feed references; their own findings are not reported). A named path that cannot be read is not
 * walked: it is returned in notChecked with the reason.
 */
export async function surveyWorkspace(paths: readonly string[], options: { readonly hostNetworks: boolean }): Promise<WorkspaceSurvey> {
  const { readable, notChecked } = await sortNamedPaths(paths, () => 'file or folder');
  const files = await listXmlFiles(readable.map((entry) => entry.path));
  const index = new WorkspaceIndex();
  const byUri = new Map<string, ReportedFile>();
  const skipped: Array<{ path: string; reason: string }> = [];
  const definitions: ReportedFile[] = [];
  for (const file of files) {
    const uri = fileUri(file);
    if (byUri.has(uri)) continue;
    const text = readRegularFileSync(file, maxIndexedFileBytes);
    if (typeof text !== 'string') {
      skipped.push({ path: file, reason: text.skipped });
      continue;
    }
    const root = sniffRootElementName(text);
    if (!isLibvirtRootName(root)) continue;
    byUri.set(uri, { uri, path: file });
    if (isDefinition(root)) {
      index.updateClosed(parseLibvirtDocument(uri, text));
      definitions.push({ uri, path: file });
    }
  }
  if (options.hostNetworks) await indexHostFolders(index);
  const namedFiles = new Set(readable.filter((entry) => entry.kind === 'file').map((entry) => entry.path));
  notChecked.push(...(await namedFilesNotRead(namedFiles, skipped, byUri)));
  notChecked.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  const reported = [...byUri.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return { index, reported, definitions, notChecked, skippedInFolders: skipped.filter((entry) => !namedFiles.has(entry.path)) };
}

/**
 * The survey's index built again from its list of definitions (a worker thread of `check` has
 * its own): the same files, read and indexed in the same order, so the same index.
 */
export async function indexDefinitions(definitions: readonly ReportedFile[], options: { readonly hostNetworks: boolean }): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  for (const { uri, path } of definitions) {
    const text = readRegularFileSync(path, maxIndexedFileBytes);
    if (typeof text === 'string') index.updateClosed(parseLibvirtDocument(uri, text));
  }
  if (options.hostNetworks) await indexHostFolders(index);
  return index;
}

/** The host's libvirt folders: a network the user's files define wins over the host's copy of it, without a duplicate finding. */
async function indexHostFolders(index: WorkspaceIndex): Promise<void> {
  const host = await crawl([], hostLibvirtFolders());
  for (const document of host.documents) if (isDefinition(document.object?.kind)) index.update(document, hostFolderOrigin);
}

/** The named files the survey did not list as libvirt files: skipped (with the reason) or not libvirt XML. */
async function namedFilesNotRead(
  files: ReadonlySet<string>,
  skipped: ReadonlyArray<{ path: string; reason: string }>,
  reported: ReadonlyMap<string, ReportedFile>,
): Promise<NotChecked[]> {
  const reasons = new Map(skipped.map((entry) => [entry.path, entry.reason]));
  const notRead: NotChecked[] = [];
  for (const file of files) {
    const reason = reasons.get(file);
    if (reason !== undefined) notRead.push({ path: file, reason });
    else if (!reported.has(fileUri(file))) {
      const notLibvirt = await whyNotLibvirt(file);
      if (notLibvirt) notRead.push({ path: file, reason: notLibvirt });
    }
  }
  return notRead;
}
