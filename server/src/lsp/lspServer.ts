import { isLibvirtUri } from '../../../protocol/src/libvirtUris';
import { TextDocuments, type Connection, type TextDocumentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { workspaceRelativePath } from '../services/displayPath';
import { getLanguageService } from '../services/languageService';
import { WorkspaceIndexer } from '../host/workspaceIndexer';
import type { SlicedWork } from '../util/slicedWork';
import { CodeLensRefresher } from './codeLensRefresher';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { isLarge, ParsedDocuments } from './documentStore';
import { HandlerGuard } from './handlerGuard';
import { DefineFailures } from './defineFailures';
import { LibvirtConnections } from './libvirtConnections';
import { MemoryRelease } from './memoryRelease';
import { LibvirtDefiner } from './libvirtDefiner';
import { registerLibvirtTreeHandler } from './libvirtTreeHandler';
import { registerLiveComparisonHandler } from './liveComparisonHandler';
import { registerLanguageFeatureHandlers } from './languageFeatureHandlers';
import { registerNavigationHandlers } from './navigationHandlers';
import { openDependants } from './openDependants';
import { SchemaDiagnostics } from './schemaDiagnostics';
import { initializeResult } from './serverCapabilities';
import { ClientState, type ServerContext } from './serverContext';
import { SettingsSync } from './settingsSync';
import { runInSlices } from './slicedRunner';
import { registerStatusHandler } from './statusHandler';
import { WorkspaceIndexing } from './workspaceIndexing';

/** How long the first diagnostics wait for the libvirt connections to be read. */
const firstConnectionsWaitMs = 3000;

/** Creates the language server on a connection; nothing happens until `listen()`. */
export function createLspServer(connection: Connection): LspServer {
  return new LspServer(connection);
}

/**
 * The language server: LSP wiring around the language service and the workspace index, on one
 * connection (stdio, node IPC, or in-memory streams in tests). All I/O of a session starts here.
 */
export class LspServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new ParsedDocuments((uri) => this.documents.get(uri)?.version);
  private readonly index = new WorkspaceIndex();
  private readonly client = new ClientState();
  private readonly memory = new MemoryRelease();
  private readonly guard: HandlerGuard;
  private readonly schema: SchemaDiagnostics;
  private readonly diagnostics: DiagnosticsScheduler;
  private readonly indexer: WorkspaceIndexer;
  private readonly settings: SettingsSync;
  private readonly indexing: WorkspaceIndexing;
  private readonly publisher: DiagnosticsPublisher;
  private readonly codeLenses: CodeLensRefresher;
  private readonly libvirt: LibvirtConnections;
  private readonly defineFailures = new DefineFailures();
  /** Saving a `libvirt:` document defines it (the only change the server makes, on the user's save). */
  readonly definer: LibvirtDefiner;
  private readonly context: ServerContext;

  constructor(private readonly connection: Connection) {
    this.guard = new HandlerGuard(connection);
    const info = (message: string) => connection.console.info(message);
    this.schema = new SchemaDiagnostics((uri) => this.diagnostics.schedule([uri]), info);
    const service = getLanguageService({
      displayPath: workspaceRelativePath(() => this.client.workspaceFolderUris),
      schemaGrammars: () => this.schema.grammars,
      // A quick fix that edits a file not open reads it here, at the edge, after the open documents.
      texts: { read: async (uri) => this.documents.get(uri)?.getText() ?? this.indexer.readText(uri) },
    });
    this.context = {
      connection,
      documents: this.documents,
      index: this.index,
      service,
      guard: this.guard,
      client: this.client,
      openDocument: (uri) => this.openDocument(uri),
      parsedDocument: async (uri) => {
        const textDocument = this.documents.get(uri);
        return textDocument ? this.parsed.parse(textDocument) : undefined;
      },
    };
    // A large file read from disk is indexed in slices, requests answered in between (it gives way by itself, see WorkspaceIndexer).
    const runSliced = <T>(work: SlicedWork<T>) => runInSlices(work, () => undefined);
    this.indexer = new WorkspaceIndexer(this.index, (uri) => this.documents.get(uri) !== undefined, info, runSliced);
    this.codeLenses = new CodeLensRefresher(connection, this.client, this.guard);
    this.publisher = new DiagnosticsPublisher(
      this.context,
      this.parsed,
      this.schema,
      this.codeLenses,
      this.defineFailures,
      (uris) => this.diagnostics.schedule(uris),
      () => this.libvirt.missingStorageNamed(),
    );
    this.diagnostics = new DiagnosticsScheduler((uris) => this.guard.runPromise('publishing diagnostics', undefined, () => this.publisher.publish(uris)));
    this.libvirt = new LibvirtConnections(this.context, this.diagnostics, this.codeLenses);
    this.definer = new LibvirtDefiner(this.context, this.libvirt, this.schema, this.defineFailures, this.diagnostics);
    this.settings = new SettingsSync(this.context, this.schema, {
      revalidateSchemas: () => this.revalidateSchemas(),
      reindex: () => this.reindex(),
      reconnect: (connections) => this.libvirt.configure(connections),
    });
    this.indexing = new WorkspaceIndexing(
      this.context,
      this.indexer,
      () => this.settings.networkPaths,
      this.diagnostics,
      this.publisher,
      this.codeLenses,
      (names) => this.libvirt.indexChanged([], names),
    );
    this.registerLifecycleHandlers();
    this.registerDocumentHandlers();
    registerLanguageFeatureHandlers(this.context);
    registerNavigationHandlers(this.context);
    registerStatusHandler(this.context);
    registerLibvirtTreeHandler(this.context, this.libvirt);
    registerLiveComparisonHandler(this.context, this.libvirt);
  }

  /** Starts reading messages from the connection. */
  listen(): void {
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  /** Logs an error to the client's output (also for errors no handler caught). */
  logError(what: string, error: unknown): void {
    this.guard.logError(what, error);
  }

  private registerLifecycleHandlers(): void {
    const { connection, guard, client } = this;
    connection.onInitialize((params) => {
      client.capabilities = params.capabilities;
      client.workspaceFolderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
      this.settings.initialize(params.initializationOptions);
      return initializeResult(params);
    });
    connection.onInitialized(() =>
      guard.runAsync('starting', async () => {
        await this.settings.registerForChanges();
        if (client.capabilities.workspace?.workspaceFolders) {
          connection.workspace.onDidChangeWorkspaceFolders((event) =>
            guard.runAsync('workspace folders changed', async () => {
              const removed = new Set(event.removed.map((folder) => folder.uri));
              client.workspaceFolderUris = [...client.workspaceFolderUris.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
              await this.reindex();
            }),
          );
        }
        await this.settings.load();
        // The connections are read beside the crawl: neither waits for the other, requests are
        // served meanwhile. Diagnostics wait for both (a network on the host is no "unknown
        // network"), but not for a connection slower than firstConnectionsWaitMs.
        const connections = this.libvirt.configure(this.settings.connections).catch((error: unknown) => guard.logError('reading libvirt connections', error));
        const connectionsRead = Promise.race([connections, new Promise((resolve) => setTimeout(resolve, firstConnectionsWaitMs))]).then(() => {
          this.publisher.firstConnectionsRead();
          this.diagnostics.schedule(this.documents.keys());
        });
        await this.reindex();
        await connectionsRead;
        await connections;
      }),
    );
    connection.onDidChangeConfiguration((change) => guard.runAsync('configuration changed', () => this.settings.changed(change)));
    connection.onDidChangeWatchedFiles((params) => guard.runAsync('watched files changed', () => this.indexing.filesChanged(params)));
    connection.onShutdown(async () => {
      this.libvirt.dispose();
      this.diagnostics.dispose();
      this.codeLenses.dispose();
      this.memory.dispose();
      await this.schema.dispose();
    });
  }

  private registerDocumentHandlers(): void {
    this.documents.onDidChangeContent((change) => this.guard.run('document changed', undefined, () => this.documentChanged(change)));
    this.documents.onDidClose((event) => this.guard.runAsync('document closed', () => this.documentClosed(event)));
  }

  private documentChanged({ document: textDocument }: TextDocumentChangeEvent<TextDocument>): void {
    const { uri } = textDocument;
    const large = isLarge(textDocument);
    this.memory.openDocumentSize(uri, large);
    // A large document is parsed, indexed and checked in slices by the publisher, off this path.
    if (large) return this.diagnostics.schedule([uri]);
    const document = this.parsed.get(textDocument);
    const indexChange = document ? this.index.update(document) : this.index.remove(uri);
    this.requestSchemaValidation(textDocument);
    this.diagnostics.schedule([uri, ...openDependants(this.index, this.documents, indexChange)]);
    this.libvirt.indexChanged([uri], indexChange.networkNames);
  }

  private async documentClosed({ document: textDocument }: TextDocumentChangeEvent<TextDocument>): Promise<void> {
    const { uri } = textDocument;
    this.memory.openDocumentSize(uri, false);
    this.parsed.forget(uri);
    this.schema.forget(uri);
    this.defineFailures.forget(uri);
    await this.publisher.clear(uri);
    if (isLibvirtUri(uri)) return this.libvirt.restore(uri);
    // What the index holds now comes from the disk, if the file lies in an indexed folder.
    const changed = await this.indexer.reloadFromDisk(uri);
    // The index no longer holds its tree: its memory can go back to the system.
    this.memory.documentClosed(textDocument.getText().length);
    // Nor the validation worker its libxml2 document (WebAssembly memory only grows).
    if (isLarge(textDocument)) this.schema.releaseWorkerMemory();
    this.diagnostics.schedule(openDependants(this.index, this.documents, changed));
    this.libvirt.indexChanged([uri], changed.networkNames);
  }

  /** Crawls the folders again; the trees of the files it parsed are garbage after it (see MemoryRelease). */
  private async reindex(): Promise<void> {
    await this.indexing.reindex();
    this.memory.collectSoon();
  }

  /** Schema validation runs beside the core's checks, on its own (debounced) schedule. */
  private requestSchemaValidation(textDocument: TextDocument): void {
    const document = this.parsed.get(textDocument);
    if (document) this.schema.request(document, textDocument.version);
  }

  private revalidateSchemas(): void {
    for (const document of this.documents.all()) if (!isLarge(document) || this.parsed.has(document)) this.requestSchemaValidation(document);
  }

  /** The parsed open document, or undefined when it is not libvirt XML. */
  private openDocument(uri: string): LibvirtDocument | undefined {
    const textDocument = this.documents.get(uri);
    return textDocument ? this.parsed.get(textDocument) : undefined;
  }
}
