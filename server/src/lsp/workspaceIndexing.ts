import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type DidChangeWatchedFilesParams,
  type Disposable,
  WatchKind,
  type FileEvent,
  type FileSystemWatcher,
} from 'vscode-languageserver/node';
import { isXmlFileName } from '../host/fileCrawler';
import { pathOfUri, type WorkspaceIndexer } from '../host/workspaceIndexer';
import { addChangedNames, noChangedNames } from '../index/changedNames';
import type { IndexChange } from '../index/workspaceIndex';
import type { CodeLensRefresher } from './codeLensRefresher';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { DiagnosticsScheduler } from './diagnosticsScheduler';
import { openDependants } from './openDependants';
import type { ServerContext } from './serverContext';
import { networkFolders } from './serverSettings';

/**
 * Keeps the index in step with the disk: crawls the workspace and network folders (again when
 * they change), watches their XML files, and refreshes the open documents that depend on them.
 */
export class WorkspaceIndexing {
  private watcherRegistration: Disposable | undefined;

  constructor(
    private readonly context: ServerContext,
    private readonly indexer: WorkspaceIndexer,
    /** `libvirtXml.networkPaths` as last configured. */
    private readonly networkPaths: () => readonly string[] | undefined,
    private readonly diagnostics: DiagnosticsScheduler,
    private readonly publisher: DiagnosticsPublisher,
    private readonly codeLenses: CodeLensRefresher,
    /** Network definitions of these names changed on disk (the Libvirt view may show their users). */
    private readonly networksChanged: (networkNames: ReadonlySet<string>) => void,
  ) {}

  /** Crawls the workspace folders and network folders again, with progress, then refreshes every open document. */
  async reindex(): Promise<void> {
    const { connection, documents, index, client } = this.context;
    const folders = client.workspaceFolderUris.map(pathOfUri).filter((folder): folder is string => folder !== undefined);
    const extra = networkFolders(this.networkPaths(), folders);
    await this.registerWatchers(extra.folders);
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Indexing libvirt XML', 0, 'listing files', false);
    const started = Date.now();
    try {
      const changed = await this.indexer.reindex({ required: folders, optional: extra.folders, optionalAreHostFolders: extra.hostDefaults }, (done, total) => {
        if (done % 25 === 0 || done === total) progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done}/${total} files`);
      });
      if (changed === undefined) return; // a newer crawl took over and will refresh
      connection.console.info(
        `indexed ${index.size} libvirt documents in ${Date.now() - started} ms (workspace: ${folders.join(', ') || 'none'}; network folders: ${extra.folders.join(', ')})`,
      );
      this.publisher.firstCrawlOver();
      this.diagnostics.schedule(documents.keys());
      this.networksChanged(changed.networkNames);
    } catch (error) {
      // Serve what is indexed rather than nothing.
      this.publisher.firstCrawlOver();
      this.diagnostics.schedule(documents.keys());
      throw error;
    } finally {
      progress.done();
    }
  }

  /**
   * Files changed on disk: closed ones are read again (an open document's text wins), and the open
   * documents that depend on the networks, pools, volumes or filters they define are checked again.
   */
  async filesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    const changed = noChangedNames();
    const seen = new Set<string>();
    for (const event of params.changes) {
      const key = `${event.type} ${event.uri}`;
      if (seen.has(key)) continue; // an XML file matches both watchers
      seen.add(key);
      if (this.context.documents.get(event.uri)) continue; // open: the editor's text wins
      addChangedNames(changed, await this.changeOnDisk(event));
    }
    this.diagnostics.schedule(openDependants(this.context.index, this.context.documents, changed));
    this.codeLenses.request();
    this.networksChanged(changed.networkNames);
  }

  /** What one watcher event changed in the index: an XML file, or a folder created or deleted. */
  private async changeOnDisk(event: FileEvent): Promise<IndexChange> {
    if (event.type === FileChangeType.Deleted) return this.indexer.removeFromDisk(event.uri); // a file, or a folder with its files
    if (isXmlFileName(event.uri)) return this.indexer.reloadFromDisk(event.uri);
    return event.type === FileChangeType.Created ? this.indexer.folderCreated(event.uri) : noChangedNames();
  }

  /**
   * Watches `**\/*.xml` in the workspace and in each network folder outside it, when the client
   * lets servers register watchers (VS Code, and other editors that implement it).
   */
  private async registerWatchers(networkFolderPaths: readonly string[]): Promise<void> {
    const { connection, client, guard } = this.context;
    const watchedFiles = client.capabilities.workspace?.didChangeWatchedFiles;
    if (!watchedFiles?.dynamicRegistration) return;
    // Folders created or deleted too: VS Code reports a new folder (cp -r, git checkout) by its own
    // path, not always the XML files written into it; a deleted folder, not the files it held.
    const folderKinds = WatchKind.Create | WatchKind.Delete;
    const watchers: FileSystemWatcher[] = [{ globPattern: '**/*.xml' }, { globPattern: '**/*', kind: folderKinds }];
    if (watchedFiles.relativePatternSupport) {
      for (const folder of networkFolderPaths) {
        const baseUri = pathToFileURL(folder).href;
        watchers.push({ globPattern: { baseUri, pattern: '**/*.xml' } }, { globPattern: { baseUri, pattern: '**/*' }, kind: folderKinds });
      }
    }
    this.watcherRegistration?.dispose();
    try {
      this.watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    } catch (error) {
      this.watcherRegistration = undefined;
      guard.logError('registering file watchers', error); // indexing goes on; only live file changes are missed
    }
  }
}
