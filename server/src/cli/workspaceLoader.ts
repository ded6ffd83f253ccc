import { isDefinition } from '../model/definitionKinds';
import { crawl, fileUri, hostLibvirtFolders, type CrawlResult } from '../host/fileCrawler';
import { hostFolderOrigin } from '../index/definitionOrigin';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { sortNamedPaths, whyNotLibvirt, type Accepted, type NotChecked } from './namedPaths';

export interface LoadedWorkspace {
  readonly index: WorkspaceIndex;
  /** The documents the user named, whole, by URI (findings are reported for these only). */
  readonly reported: ReadonlyMap<string, LibvirtDocument>;
  /** The paths named on the command line that were not checked, with the reason, in command-line order. */
  readonly notChecked: readonly NotChecked[];
  /** Files found in a walk of a named folder and not read (too large, unreadable), with the crawler's reason. */
  readonly skippedInFolders: CrawlResult['skipped'];
}

export interface LoadOptions {
  readonly hostNetworks: boolean;
  /** What the command accepts at each named path (default: a file or a folder). */
  readonly accepted?: (path: string) => Accepted;
}

/**
 * Indexes the paths the user named and, unless told not to, the host's libvirt network folders
 * (they only feed references; their own findings are not reported). A named path that cannot be
 * read is not handed to the crawler: it is returned in notChecked with the reason.
 */
export async function loadWorkspace(paths: readonly string[], options: LoadOptions): Promise<LoadedWorkspace> {
  const { readable, notChecked } = await sortNamedPaths(paths, options.accepted ?? (() => 'file or folder'));
  const named = await crawl(readable.map((entry) => entry.path));
  const host = options.hostNetworks ? await crawl([], hostLibvirtFolders()) : undefined;
  const index = new WorkspaceIndex();
  const reported = new Map<string, LibvirtDocument>();
  for (const document of named.documents) {
    index.update(document);
    reported.set(document.uri, document);
  }
  // A network the user's files define wins over the host's copy of it, without a duplicate finding.
  for (const document of host?.documents ?? []) {
    if (isDefinition(document.object?.kind)) index.update(document, hostFolderOrigin);
  }
  const namedFiles = new Set(readable.filter((entry) => entry.kind === 'file').map((entry) => entry.path));
  notChecked.push(...(await namedFilesNotRead(namedFiles, named, reported)));
  notChecked.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  const skippedInFolders = named.skipped.filter((skipped) => !namedFiles.has(skipped.path));
  return { index, reported, notChecked, skippedInFolders };
}

/** The named files the crawl did not make a document of: skipped (with the crawler's reason) or not libvirt XML. */
async function namedFilesNotRead(files: ReadonlySet<string>, result: CrawlResult, reported: ReadonlyMap<string, LibvirtDocument>): Promise<NotChecked[]> {
  const skipped = new Map(result.skipped.map((entry) => [entry.path, entry.reason]));
  const notRead: NotChecked[] = [];
  for (const file of files) {
    const reason = skipped.get(file);
    if (reason !== undefined) notRead.push({ path: file, reason });
    else if (!reported.has(fileUri(file))) {
      const notLibvirt = await whyNotLibvirt(file);
      if (notLibvirt) notRead.push({ path: file, reason: notLibvirt });
    }
  }
  return notRead;
}
