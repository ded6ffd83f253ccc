import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
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
  type ClientCapabilities,
  type CompletionList,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type ProtocolRequestType,
  type RequestParam,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { resolvedStatusMethod, statusChangedMethod, type ResolvedStatusResult, type StatusChangedParams } from '../../protocol/src/messages';

import { settingsSection } from '../../protocol/src/settings';
import { testClientCapabilities } from './clientCapabilities';
import { ChildServerProcess, withTimeout, type ChildServerOptions, type ServerProcess } from './serverProcess';

export { benchmarkClientCapabilities } from './clientCapabilities';
export { bundledServer, withTimeout } from './serverProcess';

/** How long any single wait may take before the test fails with what it was waiting for. */
export const defaultTimeoutMs = 10_000;

/**
 * The `libvirtXml` settings the test client holds. `connections` is `[]` unless a test names
 * some: a test reads the host's libvirt only when it means to (null: the server's defaults).
 */
export interface SessionSettings {
  readonly networkPaths?: string[];
  readonly schemaPath?: string;
  readonly connections?: string[] | null;
}

export interface SessionOptions {
  readonly workspaceFolder: string;
  /** What the server reads as `libvirtXml` settings (workspace/configuration). */
  readonly settings?: SessionSettings;
  /** What the client declares in initialize; the protocol tests' client unless told. */
  readonly capabilities?: ClientCapabilities;
  /** Which build of the server `start` runs, and with which node options. */
  readonly server?: ChildServerOptions;
  /** Called right after the initialized notification, before `start` resolves: the workspace is being indexed. */
  readonly onInitialized?: (session: LspSession) => void;
  /** Called the moment the indexing progress ends, e.g. to read the server's memory then. */
  readonly onIndexEnded?: (session: LspSession) => void;
}

/** When things happened, in performance.now() milliseconds of this process. */
export interface SessionTimes {
  /** Just before the server was created. */
  readonly started: number;
  /** When the initialize response arrived. */
  initialized?: number;
  /** When the indexing progress (work-done progress titled "Indexing…") ended, the first time. */
  indexEnded?: number;
}

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
type DiagnosticsWaiter = (params: PublishDiagnosticsParams, arrivedAt: number) => void;

/**
 * An LSP client speaking to the real bundled server over stdio, recording everything the server
 * sends so tests can wait for it with bounded waits. The benchmark (bench/run.mjs) drives the
 * server through it too, timing what it waits for.
 */
export class LspSession {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly statusChanges: StatusChangedParams[] = [];
  readonly progress: ProgressValue[] = [];
  readonly registrations: Registration[] = [];
  /** How often the server asked the client to fetch code lenses again. */
  codeLensRefreshes = 0;
  readonly log: string[] = [];
  /** What the server asked the client to show the user (window/showMessage). */
  readonly shownMessages: { type: number; message: string }[] = [];
  readonly times: SessionTimes;
  private settings: SessionSettings;
  private readonly versions = new Map<string, number>();
  private readonly diagnosticsWaiters = new Set<DiagnosticsWaiter>();
  private indexProgressToken: string | number | undefined;
  private initialized: InitializeResult | undefined;

  private constructor(
    private readonly server: ServerProcess,
    private readonly options: SessionOptions,
    started: number,
  ) {
    this.settings = { connections: [], ...options.settings };
    this.times = { started };
  }

  /** Starts the real bundled server (dist/server.js, or `options.server`) over stdio: what editors run. */
  static async start(options: SessionOptions): Promise<LspSession> {
    const started = performance.now();
    return new LspSession(new ChildServerProcess(options.server), options, started).connect();
  }

  /** Creates the server in this process, over in-memory streams (no bundle, no child process). */
  static async startInProcess(options: SessionOptions): Promise<LspSession> {
    const started = performance.now();
    // Loaded here, not at the top: the benchmark uses this module without the server in its own process.
    const { InProcessServer } = await import('./inProcessServer.js');
    return new LspSession(new InProcessServer(), options, started).connect();
  }

  get initializeResult(): InitializeResult {
    if (!this.initialized) throw new Error('the session has not been initialized');
    return this.initialized;
  }

  private async connect(): Promise<LspSession> {
    // Listen before anything is sent: the server asks for settings and registrations right away.
    this.answerServerRequests();
    this.recordNotifications();
    this.connection.listen();
    const folderUri = pathToFileURL(this.options.workspaceFolder).href;
    this.initialized = await withTimeout(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: this.server.clientProcessId,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(this.options.workspaceFolder) }],
        capabilities: this.options.capabilities ?? testClientCapabilities,
      }),
      defaultTimeoutMs,
      'the initialize response',
    );
    this.times.initialized = performance.now();
    await this.connection.sendNotification(InitializedNotification.type, {});
    this.options.onInitialized?.(this);
    return this;
  }

  private answerServerRequests(): void {
    const { connection } = this;
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === settingsSection ? this.settings : null)));
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.codeLensRefreshes++;
    });
  }

  private recordNotifications(): void {
    const { connection } = this;
    connection.onNotification('$/progress', (params: { token: string | number; value: ProgressValue }) => {
      this.progress.push(params.value);
      this.noteIndexProgress(params.token, params.value);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const arrivedAt = performance.now();
      this.diagnostics.push(params);
      for (const waiter of [...this.diagnosticsWaiters]) waiter(params, arrivedAt);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.log.push(params.message);
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.shownMessages.push(params);
    });
    connection.onNotification(statusChangedMethod, (params: StatusChangedParams) => {
      this.statusChanges.push(params);
    });
  }

  /** Notes when the indexing progress ends (the server's only progress today; the title says so). */
  private noteIndexProgress(token: string | number, value: ProgressValue): void {
    if (value.kind === 'begin' && /index/i.test(value.title)) this.indexProgressToken = token;
    if (value.kind !== 'end' || token !== this.indexProgressToken || this.times.indexEnded !== undefined) return;
    this.times.indexEnded = performance.now();
    this.options.onIndexEnded?.(this);
  }

  /** Calls `handler` on each notification of a method the session does not record itself (set it up in onInitialized). */
  onNotification(method: string, handler: (params: unknown) => void): void {
    this.connection.onNotification(method, handler);
  }

  /** Resolves once the first crawl has reported its end. */
  async indexed(): Promise<void> {
    await this.waitFor('the end of the indexing progress', () => (this.progress.some((p) => p.kind === 'end') ? true : undefined));
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xml', version: 1, text } });
  }

  /** When the indexing progress ended (performance.now()), waiting for it if need be. */
  async indexEnded(timeoutMs = defaultTimeoutMs): Promise<number> {
    return this.waitFor('the end of the indexing progress', () => this.times.indexEnded, timeoutMs);
  }

  /** Replaces the whole text (a full-content change). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Replaces a range of the text (an incremental change, as editors send keystrokes). */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** The version of an open document, as last sent. */
  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async changeSettings(settings: SessionSettings): Promise<void> {
    this.settings = { connections: [], ...settings };
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

  /** A request by method name, and how long its answer took (the bounded wait is outside the measure). */
  async timedRequest<R>(method: string, params: object, timeoutMs = defaultTimeoutMs): Promise<{ ms: number; result: R }> {
    const started = performance.now();
    const answered = this.connection.sendRequest<R>(method, params).then((result) => ({ ms: performance.now() - started, result }));
    return withTimeout(answered, timeoutMs, `the ${method} response`);
  }

  /**
   * A request by method name that the caller may cancel (`$/cancelRequest`): the answer, or the
   * server's error for it (a ResponseError with its code), with the same bounded wait.
   */
  cancellableRequest<R>(method: string, params: object): { answer: Promise<R>; cancel: () => void } {
    const source = new CancellationTokenSource();
    const answer = withTimeout(this.connection.sendRequest<R>(method, params, source.token), defaultTimeoutMs, `the ${method} response`);
    return { answer, cancel: () => source.cancel() };
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
  async diagnosticsFor(
    uri: string,
    description: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}: ${description}`, () => {
      const latest = [...this.diagnostics].reverse().find((params) => params.uri === uri);
      return latest && accept(latest) ? latest : undefined;
    });
  }

  /**
   * Resolves with the arrival time (performance.now()) of the first diagnostics published from now
   * on for which `accept` holds; `accept` sees every publication until then, in order.
   */
  diagnosticsArrival(accept: (params: PublishDiagnosticsParams) => boolean, timeoutMs = defaultTimeoutMs): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.diagnosticsWaiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics\nstderr:\n${this.stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      const waiter: DiagnosticsWaiter = (params, arrivedAt) => {
        if (!accept(params)) return;
        clearTimeout(timer);
        this.diagnosticsWaiters.delete(waiter);
        resolve(arrivedAt);
      };
      this.diagnosticsWaiters.add(waiter);
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
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${description}${exited}\nserver log:\n${this.log.join('\n')}\nstderr:\n${this.stderr.join('')}`,
        );
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

  /** The server's process id, when it runs in a process of its own. */
  get pid(): number | undefined {
    return this.server.pid;
  }

  get stderr(): readonly string[] {
    return this.server.stderr;
  }

  private get connection(): ProtocolConnection {
    return this.server.connection;
  }
}
