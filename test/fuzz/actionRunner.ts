import { ErrorCodes, LSPErrorCodes, ResponseError, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LspSession } from '../protocol/lspSession';
import type { Action, RequestAction } from './actions';

/** How long any request may take before the fuzzer calls it a hang. */
export const answerTimeoutMs = 5000;

export type FailureKind = 'crash' | 'hang' | 'error response' | 'logged failure' | 'stale diagnostics';

/** A defect the fuzzer found: what kind, and what happened. */
export class FuzzFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(`${kind}: ${message}`);
  }
}

/** Error responses that are answers, not failures: a refused rename, a cancelled or outdated request. */
function isProperError(method: string, error: ResponseError<unknown>): boolean {
  if (error.code === LSPErrorCodes.RequestFailed) return method === 'textDocument/rename' || method === 'textDocument/prepareRename';
  return error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled || error.code === LSPErrorCodes.ContentModified;
}

/**
 * Runs actions against one server, keeping the client's copy of every open document (the same
 * text-document model the server uses, so that incremental edits mean the same on both sides),
 * and checks every answer.
 */
export class ActionRunner {
  /** The open documents, in the order they were opened (a Map keeps it; a fresh server opens them so). */
  readonly open = new Map<string, TextDocument>();
  requests = 0;
  private logChecked = 0;

  constructor(readonly session: LspSession) {}

  /** The open documents' current texts. */
  texts(): Map<string, string> {
    return new Map([...this.open].map(([uri, document]) => [uri, document.getText()]));
  }

  async run(action: Action): Promise<void> {
    await this.perform(action);
    this.checkAlive(action.kind);
    this.checkLog();
  }

  private async perform(action: Action): Promise<void> {
    switch (action.kind) {
      case 'open':
        this.open.set(action.uri, TextDocument.create(action.uri, 'xml', 1, action.text));
        return this.session.open(action.uri, action.text);
      case 'close':
        this.open.delete(action.uri);
        return this.session.close(action.uri);
      case 'change':
        return this.change(action.uri, [{ text: action.text }]);
      case 'edit': {
        const document = this.open.get(action.uri);
        if (!document) return;
        const range = { start: document.positionAt(action.start), end: document.positionAt(action.end) };
        return this.change(action.uri, [{ range, text: action.text }]);
      }
      case 'request':
        return this.request(action);
      case 'burst':
        await Promise.all(action.requests.map((request) => this.request(request)));
    }
  }

  private async change(uri: string, changes: ({ text: string } | { range: { start: Position; end: Position }; text: string })[]): Promise<void> {
    const document = this.open.get(uri);
    if (!document) return;
    this.open.set(uri, TextDocument.update(document, changes, document.version + 1));
    const [change] = changes;
    if ('range' in change) await this.session.edit(uri, change.range, change.text);
    else await this.session.change(uri, change.text);
  }

  private async request(action: RequestAction): Promise<void> {
    const document = this.open.get(action.uri);
    if (!document) return;
    const position = this.position(document, action.offset, action.outOfRange);
    const textDocument = { uri: action.uri };
    const params = requestParams(action, textDocument, position, document.positionAt(action.endOffset), this.latestDiagnostics(action.uri));
    if (action.method !== 'completionItem/resolve') {
      await this.send(action.method, params);
      return;
    }
    const completion = await this.send<CompletionList | CompletionItem[] | null>('textDocument/completion', params);
    const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
    if (items.length > 0) await this.send('completionItem/resolve', items[action.pick % items.length]);
  }

  private position(document: TextDocument, offset: number, outOfRange: boolean): Position {
    const position = document.positionAt(offset);
    if (!outOfRange) return position;
    return offset % 2 === 0 ? { line: document.lineCount + 3, character: 2 } : { line: position.line, character: position.character + 1000 };
  }

  private latestDiagnostics(uri: string): unknown[] {
    return [...this.session.diagnostics].reverse().find((published) => published.uri === uri)?.diagnostics ?? [];
  }

  /** Sends a request and checks its answer: in time, and an error only where errors are answers. */
  private async send<R>(method: string, params: object): Promise<R | undefined> {
    this.requests++;
    try {
      return (await this.session.timedRequest<R>(method, params, answerTimeoutMs)).result;
    } catch (error) {
      this.checkAlive(method);
      if (error instanceof ResponseError) {
        if (isProperError(method, error)) return undefined;
        throw new FuzzFailure('error response', `${method} ${JSON.stringify(params).slice(0, 300)} answered ${errorName(error.code)}: ${error.message}`);
      }
      const message = error instanceof Error ? error.message : String(error);
      if (/timed out/.test(message)) throw new FuzzFailure('hang', `${method} ${JSON.stringify(params).slice(0, 300)}: no answer within ${answerTimeoutMs} ms`);
      throw error;
    }
  }

  checkAlive(what: string): void {
    if (this.session.exitCode !== null) {
      throw new FuzzFailure('crash', `the server exited with ${this.session.exitCode} (after ${what})\nstderr:\n${this.session.stderr.join('').slice(-3000)}`);
    }
  }

  /** A handler that failed says so in the log (window/logMessage, "libvirt-xml: … failed"). */
  checkLog(): void {
    const { log } = this.session;
    const failed = log.slice(this.logChecked).find((message) => /^libvirt-xml: .* failed/s.test(message));
    this.logChecked = log.length;
    if (failed) throw new FuzzFailure('logged failure', failed.slice(0, 3000));
  }
}

function requestParams(action: RequestAction, textDocument: { uri: string }, position: Position, end: Position, diagnostics: unknown[]): object {
  switch (action.method) {
    case 'textDocument/completion':
    case 'completionItem/resolve':
      return { textDocument, position, context: action.word.length === 1 ? { triggerKind: 2, triggerCharacter: action.word } : { triggerKind: 1 } };
    case 'textDocument/references':
      return { textDocument, position, context: { includeDeclaration: action.pick % 2 === 0 } };
    case 'textDocument/rename':
      return { textDocument, position, newName: action.word };
    case 'textDocument/codeAction':
      return { textDocument, range: { start: position, end }, context: { diagnostics } };
    case 'textDocument/codeLens':
    case 'textDocument/documentSymbol':
    case 'textDocument/foldingRange':
    case 'textDocument/documentLink':
      return { textDocument };
    case 'workspace/symbol':
      return { query: action.word };
    case 'libvirtXml/resolvedStatus':
      return { uri: action.uri };
    default:
      return { textDocument, position };
  }
}

function errorName(code: number): string {
  const known = Object.entries({ ...ErrorCodes, ...LSPErrorCodes }).find(([, value]) => value === code);
  return known ? `${known[0]} (${code})` : String(code);
}
