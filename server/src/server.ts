import {
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileSystemWatcher,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { isCandidateUri, ParsedDocuments } from './documentStore';
import { WorkspaceIndex } from './index/workspaceIndex';
import type { LibvirtDocument } from './model/libvirtDocument';
import { resolvedStatusMethod, statusChangedMethod, type ResolvedStatusParams, type ResolvedStatusResult, type StatusChangedParams } from './protocol';
import { workspaceRelativePath } from './services/displayPath';
import type { EditOptions } from './services/edits/workspaceEditBuilder';
import { isRefusal, type RenameRefusal } from './services/rename';
import { CodeActionKind, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { getLanguageService } from './services/languageService';
import { documentOfItemData } from './services/referenceCompletion';
import { SchemaDiagnostics } from './schemaDiagnostics';
import { networkFolders, readNetworkPaths, readSchemaPath, settingsSection } from './serverSettings';
import { pathOfUri, WorkspaceIndexer } from './host/workspaceIndexer';

/**
 * The language server: LSP wiring around the language service and the workspace index. Started
 * by the VS Code client over IPC, or by any editor with `--stdio` (the transport is chosen from
 * the command line by createConnection).
 */
const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const parsed = new ParsedDocuments();
const index = new WorkspaceIndex();
let workspaceFolderUris: string[] = [];
const schema = new SchemaDiagnostics(
  (uri) => diagnostics.schedule([uri]),
  (message) => connection.console.info(message),
);
const service = getLanguageService({
  displayPath: workspaceRelativePath(() => workspaceFolderUris),
  schemaFolder: () => schema.schemaFolder,
  // A file's text: the editor's when it is open, else the disk's (read without blocking).
  texts: { read: async (uri) => documents.get(uri)?.getText() ?? indexer.readText(uri) },
});
const indexer = new WorkspaceIndexer(index, (uri) => documents.get(uri) !== undefined, (message) => connection.console.info(message));
const diagnostics = new DiagnosticsScheduler((uris) => guard('publishing diagnostics', undefined, () => publish(uris)));

let capabilities: ClientCapabilities = {};
let configuredNetworkPaths: string[] | undefined;
let configuredSchemaPath: string | undefined;
let watcherRegistration: Disposable | undefined;
/** Documents that were given diagnostics, so they can be cleared when they stop being libvirt XML. */
const withDiagnostics = new Set<string>();
/**
 * Until the first crawl is over, a domain's networks may simply not be read yet: diagnostics
 * wait for it rather than flash "unknown network" (every open document is refreshed after it).
 */
let firstCrawlDone = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities;
  workspaceFolderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  configuredNetworkPaths = readNetworkPaths(params.initializationOptions);
  configuredSchemaPath = readSchemaPath(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      // Items for workspace names leave their documentation to completionItem/resolve when the client resolves items.
      completionProvider: { triggerCharacters: ["'", '"', '<', ' '], resolveProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: params.capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'libvirt-xml' },
  };
});

connection.onInitialized(() =>
  guardAsync('starting', async () => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client
        .register(DidChangeConfigurationNotification.type, { section: settingsSection })
        .catch((error: unknown) => logError('registering for configuration changes', error));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) =>
        guardAsync('workspace folders changed', async () => {
          const removed = new Set(event.removed.map((folder) => folder.uri));
          workspaceFolderUris = [...workspaceFolderUris.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
          await reindex();
        }),
      );
    }
    const settings = await fetchSettings();
    configuredNetworkPaths = readNetworkPaths(settings) ?? configuredNetworkPaths;
    schema.configure(readSchemaPath(settings) ?? configuredSchemaPath);
    await reindex();
  }),
);

connection.onDidChangeConfiguration((change) =>
  guardAsync('configuration changed', async () => {
    const pushedSection = (change.settings as Record<string, unknown> | null | undefined)?.[settingsSection];
    const section = pushedSection ?? (await fetchSettings());
    const schemaPath = readSchemaPath(section);
    if (schemaPath !== configuredSchemaPath) {
      configuredSchemaPath = schemaPath;
      schema.configure(schemaPath);
      for (const document of documents.all()) requestSchemaValidation(document);
    }
    const paths = readNetworkPaths(section);
    if (paths === undefined || JSON.stringify(paths) === JSON.stringify(configuredNetworkPaths)) return;
    configuredNetworkPaths = paths;
    await reindex();
  }),
);

/** The `libvirtXml` settings through workspace/configuration, when the client offers it. */
async function fetchSettings(): Promise<unknown> {
  if (!capabilities.workspace?.configuration) return undefined;
  try {
    return (await connection.workspace.getConfiguration(settingsSection)) as unknown;
  } catch (error) {
    logError('reading the configuration', error);
    return undefined; // index with what is known rather than not at all
  }
}

/** Crawls the workspace folders and network folders again, with progress, then refreshes every open document. */
async function reindex(): Promise<void> {
  const folders = workspaceFolderUris.map(pathOfUri).filter((folder): folder is string => folder !== undefined);
  const extra = networkFolders(configuredNetworkPaths, folders);
  await registerWatchers(extra.folders);
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Indexing libvirt XML', 0, 'listing files', false);
  const started = Date.now();
  try {
    const changed = await indexer.reindex({ required: folders, optional: extra.folders }, (done, total) => {
      if (done % 25 === 0 || done === total) progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done}/${total} files`);
    });
    if (changed === undefined) return; // a newer crawl took over and will refresh
    connection.console.info(`indexed ${index.size} libvirt documents in ${Date.now() - started} ms (workspace: ${folders.join(', ') || 'none'}; network folders: ${extra.folders.join(', ')})`);
    firstCrawlDone = true;
    diagnostics.schedule(documents.keys());
  } catch (error) {
    // Serve what is indexed rather than nothing.
    firstCrawlDone = true;
    diagnostics.schedule(documents.keys());
    throw error;
  } finally {
    progress.done();
  }
}

/**
 * Watches `**\/*.xml` in the workspace and in each network folder outside it, when the client
 * lets servers register watchers (VS Code, and other editors that implement it).
 */
async function registerWatchers(networkFolderPaths: readonly string[]): Promise<void> {
  const watchedFiles = capabilities.workspace?.didChangeWatchedFiles;
  if (!watchedFiles?.dynamicRegistration) return;
  const watchers: FileSystemWatcher[] = [{ globPattern: '**/*.xml' }];
  if (watchedFiles.relativePatternSupport) {
    for (const folder of networkFolderPaths) watchers.push({ globPattern: { baseUri: pathToFileURL(folder).href, pattern: '**/*.xml' } });
  }
  watcherRegistration?.dispose();
  try {
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  } catch (error) {
    watcherRegistration = undefined;
    logError('registering file watchers', error); // indexing goes on; only live file changes are missed
  }
}

connection.onDidChangeWatchedFiles((params) =>
  guardAsync('watched files changed', async () => {
    const changed = new Set<string>();
    for (const event of params.changes) {
      if (documents.get(event.uri)) continue; // open: the editor's text wins
      const names = event.type === FileChangeType.Deleted ? indexer.removeFromDisk(event.uri) : await indexer.reloadFromDisk(event.uri);
      for (const name of names) changed.add(name);
    }
    diagnostics.schedule(openDependants(changed));
    refreshCodeLenses();
  }),
);

documents.onDidChangeContent((change) =>
  guard('document changed', undefined, () => {
    const { uri } = change.document;
    const document = parsed.get(change.document);
    const indexChange = document ? index.update(document) : index.remove(uri);
    requestSchemaValidation(change.document);
    diagnostics.schedule([uri, ...openDependants(indexChange.networkNames)]);
  }),
);

documents.onDidClose((event) =>
  guardAsync('document closed', async () => {
    const { uri } = event.document;
    parsed.forget(uri);
    schema.forget(uri);
    if (withDiagnostics.delete(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
    // What the index holds now comes from the disk, if the file lies in an indexed folder.
    const changed = await indexer.reloadFromDisk(uri);
    diagnostics.schedule(openDependants(changed));
  }),
);

/** The open documents whose findings depend on these network names (domains using them, and same-named networks). */
function openDependants(networkNames: Iterable<string>): string[] {
  const names = [...networkNames];
  const uris = index.dependants(names);
  for (const name of names) for (const definition of index.networks(name)) uris.add(definition.uri);
  return [...uris].filter((uri) => documents.get(uri) !== undefined);
}

function publish(uris: readonly string[]): void {
  if (!firstCrawlDone) return;
  const refreshed: string[] = [];
  for (const uri of uris) {
    const textDocument = documents.get(uri);
    if (!textDocument) continue;
    const document = parsed.get(textDocument);
    if (!document) {
      if (withDiagnostics.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      continue;
    }
    const found = guard(`validating ${uri}`, [], () => service.doValidation(document, index));
    found.push(...schema.diagnostics(uri, textDocument.version));
    withDiagnostics.add(uri);
    void connection.sendDiagnostics({ uri, version: textDocument.version, diagnostics: found });
    refreshed.push(uri);
  }
  if (refreshed.length > 0) void connection.sendNotification(statusChangedMethod, { uris: refreshed } satisfies StatusChangedParams);
  refreshCodeLenses();
}

let codeLensRefresh: NodeJS.Timeout | undefined;

/**
 * The "used by N interfaces" lenses of open network files count interfaces in other files: after
 * the index changed, ask the client (once per burst of changes) to fetch them again.
 */
function refreshCodeLenses(): void {
  if (!capabilities.workspace?.codeLens?.refreshSupport || codeLensRefresh) return;
  codeLensRefresh = setTimeout(() => {
    codeLensRefresh = undefined;
    connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => logError('refreshing code lenses', error));
  }, 300);
}

/** Schema validation runs beside the core's checks, on its own (debounced) schedule. */
function requestSchemaValidation(textDocument: TextDocument): void {
  const document = parsed.get(textDocument);
  if (document) schema.request(document, textDocument.version);
}

/** The parsed open document, or undefined when it is not libvirt XML. */
function openDocument(uri: string): LibvirtDocument | undefined {
  const textDocument = documents.get(uri);
  return textDocument ? parsed.get(textDocument) : undefined;
}

connection.onCompletion((params) =>
  guard('completion', null, () => {
    const document = openDocument(params.textDocument.uri);
    if (!document) return null;
    return service.doComplete(document, params.position, index, {
      snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false,
      triggerCharacter: params.context?.triggerCharacter,
      lazyDocumentation: capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation') ?? false,
    });
  }),
);

connection.onCompletionResolve((item) =>
  guard('completion resolve', item, () => {
    const uri = documentOfItemData(item.data);
    const document = uri === undefined ? undefined : openDocument(uri);
    return document ? service.resolveCompletionItem(item, document, index) : item;
  }),
);

connection.onHover((params) =>
  guard('hover', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.doHover(document, params.position, index) : null;
  }),
);

/* Navigation and refactoring: definition, references, rename, code lens, quick fixes, outline, folding, links. */

/** Edits as the client takes them; files outside the workspace folders (network folders) are never edited unless open. */
function editOptions(): EditOptions {
  return {
    documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges ?? false,
    openVersion: (uri) => documents.get(uri)?.version,
    canEdit: (uri) => documents.get(uri) !== undefined || workspaceFolderUris.some((folder) => uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`)),
  };
}

/** A refused rename becomes an error response, which editors show to the user. */
function refused(answer: RenameRefusal): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, answer.refusal);
}

connection.onDefinition((params) =>
  guard('definition', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.findDefinition(document, params.position, index) : null;
  }),
);

connection.onReferences((params) =>
  guard('references', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.findReferences(document, params.position, index, params.context.includeDeclaration) : null;
  }),
);

connection.onPrepareRename((params) => {
  const answer = guard('prepare rename', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.prepareRename(document, params.position, index, editOptions()) : null;
  });
  return answer && isRefusal(answer) ? refused(answer) : answer;
});

connection.onRenameRequest((params) => {
  const answer = guard('rename', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.doRename(document, params.position, params.newName, index, editOptions()) : null;
  });
  return answer && isRefusal(answer) ? refused(answer) : (answer?.edit ?? null);
});

connection.onCodeAction((params) =>
  guardPromise('code actions', null, async () => {
    const document = openDocument(params.textDocument.uri);
    return document ? await service.getCodeActions(document, params.context, index, editOptions()) : null;
  }),
);

connection.onCodeLens((params) =>
  guard('code lens', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.getCodeLenses(document, index) : null;
  }),
);

connection.onDocumentSymbol((params) =>
  guard('document symbols', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.getDocumentSymbols(document) : null;
  }),
);

connection.onWorkspaceSymbol((params) => guard('workspace symbols', null, () => service.getWorkspaceSymbols(params.query, index)));

connection.onFoldingRanges((params) =>
  guard('folding ranges', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.getFoldingRanges(document) : null;
  }),
);

connection.onDocumentLinks((params) =>
  guard('document links', null, () => {
    const document = openDocument(params.textDocument.uri);
    return document ? service.getDocumentLinks(document, index) : null;
  }),
);

connection.onRequest(resolvedStatusMethod, (params: ResolvedStatusParams): ResolvedStatusResult =>
  guard('resolved status', notLibvirt(params?.uri ?? ''), () => {
    const uri = params.uri;
    // An open document answers with its unsaved text; otherwise the file as indexed.
    const document = documents.get(uri) ? openDocument(uri) : isCandidateUri(uri) ? index.get(uri) : undefined;
    return document ? service.getResolvedStatus(document, index) : notLibvirt(uri);
  }),
);

function notLibvirt(uri: string): ResolvedStatusResult {
  return { uri, version: documents.get(uri)?.version ?? 0, kind: 'other', interfaces: [] };
}

/** Runs a handler; whatever it throws is logged and the fallback answered, never a crash. */
function guard<T>(what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    logError(what, error);
    return fallback;
  }
}

/** guard, for a handler that answers later. */
async function guardPromise<T>(what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    logError(what, error);
    return fallback;
  }
}

function guardAsync(what: string, run: () => Promise<void>): void {
  run().catch((error: unknown) => logError(what, error));
}

function logError(what: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  try {
    connection.console.error(`libvirt-xml: ${what} failed: ${detail}`);
  } catch {
    // The connection itself is gone; nothing left to tell.
  }
}

process.on('uncaughtException', (error) => logError('unexpected error', error));
process.on('unhandledRejection', (reason) => logError('unexpected rejection', reason));

connection.onShutdown(async () => {
  diagnostics.dispose();
  await schema.dispose();
});
documents.listen(connection);
connection.listen();
