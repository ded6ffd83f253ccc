import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  CodeLensRefreshRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  type CompletionList,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type ProtocolRequestType,
  type RequestParam,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { resolvedStatusMethod, statusChangedMethod, type ResolvedStatusResult, type StatusChangedParams } from '../../protocol/src/messages';

import { settingsSection } from '../../protocol/src/settings';
import { ChildServerProcess, InProcessServer, withTimeout, type ServerProcess } from './serverProcess';

export { bundledServer, withTimeout } from './serverProcess';

/** How long any single wait may take before the test fails with what it was waiting for. */
export const defaultTimeoutMs = 10_000;

export interface SessionOptions {
  readonly workspaceFolder: string;
  /** What the server reads as `libvirtXml` settings (workspace/configuration). */
  readonly settings?: { networkPaths?: string[]; schemaPath?: string };
}

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/**
 * An LSP client speaking to the real bundled server over stdio, recording everything the server
 * sends so tests can wait for it with bounded waits.
 */
export class LspSession {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly statusChanges: StatusChangedParams[] = [];
  readonly progress: ProgressValue[] = [];
  readonly registrations: Registration[] = [];
  /** How often the server asked the client to fetch code lenses again. */
  codeLensRefreshes = 0;
  readonly log: string[] = [];
  private settings: { networkPaths?: string[]; schemaPath?: string };
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly server: ServerProcess,
    readonly initializeResult: InitializeResult,
    options: SessionOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  /** Starts the real bundled server (dist/server.js) over stdio: what editors run. */
  static async start(options: SessionOptions): Promise<LspSession> {
    return LspSession.connect(new ChildServerProcess(), options);
  }

  /** Creates the server in this process, over in-memory streams (no bundle, no child process). */
  static async startInProcess(options: SessionOptions): Promise<LspSession> {
    return LspSession.connect(new InProcessServer(), options);
  }

  private static async connect(server: ServerProcess, options: SessionOptions): Promise<LspSession> {
    const { connection } = server;
    // Set up before anything is sent: the server asks for settings and registrations right away.
    let session: LspSession | undefined;
    const pendingSettings = options.settings ?? {};
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === settingsSection ? (session?.settings ?? pendingSettings) : null)));
    connection.onRequest(RegistrationRequest.type, (params) => {
      session?.registrations.push(...params.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(CodeLensRefreshRequest.type, () => {
      if (session) session.codeLensRefreshes++;
    });
    const early: { progress: ProgressValue[]; diagnostics: PublishDiagnosticsParams[]; log: string[]; statusChanges: StatusChangedParams[] } = {
      progress: [],
      diagnostics: [],
      log: [],
      statusChanges: [],
    };
    connection.onNotification('$/progress', (params: { token: string | number; value: ProgressValue }) => {
      (session ?? early).progress.push(params.value);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      (session ?? early).diagnostics.push(params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      (session ?? early).log.push(params.message);
    });
    connection.onNotification(statusChangedMethod, (params: StatusChangedParams) => {
      (session ?? early).statusChanges.push(params);
    });
    connection.listen();

    const folderUri = pathToFileURL(options.workspaceFolder).href;
    const initializeResult = await withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: server.clientProcessId,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(options.workspaceFolder) }],
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
            didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
            codeLens: { refreshSupport: true },
            workspaceEdit: { documentChanges: true },
          },
          window: { workDoneProgress: true },
          textDocument: {
            completion: { completionItem: { snippetSupport: true } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { relatedInformation: true },
            rename: { prepareSupport: true },
          },
        },
      }),
      defaultTimeoutMs,
      'the initialize response',
    );
    session = new LspSession(server, initializeResult, options);
    session.progress.push(...early.progress);
    session.diagnostics.push(...early.diagnostics);
    session.log.push(...early.log);
    session.statusChanges.push(...early.statusChanges);
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Resolves once the first crawl has reported its end. */
  async indexed(): Promise<void> {
    await this.waitFor('the end of the indexing progress', () => (this.progress.some((p) => p.kind === 'end') ? true : undefined));
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xml', version: 1, text } });
  }

  /** Replaces the whole text (a full-content change). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async changeSettings(settings: { networkPaths?: string[] }): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async completion(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionList> {
    const context = triggerCharacter ? { triggerKind: 2 as const, triggerCharacter } : { triggerKind: 1 as const };
    const result = await withTimeout(
      this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context }),
      defaultTimeoutMs,
      `completion at ${uri}:${position.line}:${position.character}`,
    );
    if (result === null) return { isIncomplete: false, items: [] };
    return Array.isArray(result) ? { isIncomplete: false, items: result } : result;
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), defaultTimeoutMs, `hover at ${uri}`);
  }

  /** Any LSP request, with the same bounded wait as the others. */
  async request<P, R, PR, E, RO>(type: ProtocolRequestType<P, R, PR, E, RO>, params: RequestParam<P>): Promise<R> {
    return withTimeout(this.connection.sendRequest(type, params), defaultTimeoutMs, `the ${type.method} response`);
  }

  /** Polls an async check until it returns a value (for state only the server's answers show). */
  async eventually<T>(description: string, check: () => Promise<T | undefined>, timeoutMs = defaultTimeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}\nserver log:\n${this.log.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async resolvedStatus(uri: string): Promise<ResolvedStatusResult> {
    return withTimeout(this.connection.sendRequest<ResolvedStatusResult>(resolvedStatusMethod, { uri }), defaultTimeoutMs, `the resolved status of ${uri}`);
  }

  /** The latest diagnostics published for a document that satisfy a condition, waiting for them if need be. */
  async diagnosticsFor(uri: string, description: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}: ${description}`, () => {
      const latest = [...this.diagnostics].reverse().find((params) => params.uri === uri);
      return latest && accept(latest) ? latest : undefined;
    });
  }

  /** Polls until `check` returns a value; fails naming what it waited for and what the server said. */
  async waitFor<T>(description: string, check: () => T | undefined, timeoutMs = defaultTimeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline || this.server.exitCode !== null) {
        const exited = this.server.exitCode !== null ? ` (the server exited with ${this.server.exitCode})` : '';
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${exited}\nserver log:\n${this.log.join('\n')}\nstderr:\n${this.stderr.join('')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Shuts the server down politely, and makes sure it is gone. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  get exitCode(): number | null {
    return this.server.exitCode;
  }

  get stderr(): readonly string[] {
    return this.server.stderr;
  }

  private get connection(): ProtocolConnection {
    return this.server.connection;
  }
}
