import { crawl, hostNetworkFolders, type CrawlResult } from '../host/fileCrawler';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';

export interface LoadedWorkspace {
  readonly index: WorkspaceIndex;
  readonly crawl: CrawlResult;
  /** The documents the user named, whole, by URI (findings are reported for these only). */
  readonly reported: ReadonlyMap<string, LibvirtDocument>;
}

/**
 * Indexes the paths the user named and, unless told not to, the host's libvirt network folders
 * (they only feed references; their own findings are not reported).
 */
export async function loadWorkspace(paths: readonly string[], options: { hostNetworks: boolean }): Promise<LoadedWorkspace> {
  const named = await crawl(paths);
  const host = options.hostNetworks ? await crawl([], hostNetworkFolders()) : undefined;
  const index = new WorkspaceIndex();
  const reported = new Map<string, LibvirtDocument>();
  for (const document of named.documents) {
    index.update(document);
    reported.set(document.uri, document);
  }
  // A network the user's files define wins over the host's copy of it, without a duplicate finding.
  for (const document of host?.documents ?? []) {
    const object = document.object;
    if (object?.kind !== 'network' || !object.name || index.network(object.name.value)) continue;
    index.update(document);
  }
  return { index, crawl: named, reported };
}
