import { LSPErrorCodes, ResponseError, type CancellationToken, type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { LanguageService } from '../services/languageService';
import type { HandlerGuard } from './handlerGuard';
import { WorkCancelled } from './slicedRunner';

/** What the client told the server about itself, learned at initialize and kept up to date. */
export class ClientState {
  capabilities: ClientCapabilities = {};
  workspaceFolderUris: string[] = [];
}

/** What the request handlers of one server share: its connection, open documents, index and service. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly index: WorkspaceIndex;
  readonly service: LanguageService;
  readonly guard: HandlerGuard;
  readonly client: ClientState;
  /** The parsed open document, or undefined when it is not open or not libvirt XML (parsed at once). */
  openDocument(uri: string): LibvirtDocument | undefined;
  /**
   * The parsed open document, or undefined when it is not open or not libvirt XML; a large one
   * is parsed in slices. Rejects with WorkCancelled when a newer version comes first.
   */
  parsedDocument(uri: string): Promise<LibvirtDocument | undefined>;
}

/** The LSP error for a request cancelled by `$/cancelRequest`. */
export function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'the request was cancelled');
}

/**
 * The open document a request is about, parsed. A large document's parse lets other messages in
 * (see runInSlices): the request is answered with RequestCancelled when the client cancels it
 * meanwhile, and ContentModified when the document changed under it.
 */
export async function documentForRequest(context: ServerContext, uri: string, token?: CancellationToken): Promise<LibvirtDocument | undefined> {
  if (token?.isCancellationRequested) throw requestCancelled();
  let document: LibvirtDocument | undefined;
  try {
    document = await untilCancelled(context.parsedDocument(uri), token);
  } catch (error) {
    if (error instanceof WorkCancelled) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    throw error;
  }
  if (token?.isCancellationRequested) throw requestCancelled();
  return document;
}

/** The promise's value, or RequestCancelled as soon as the token is cancelled. */
export function untilCancelled<T>(promise: Promise<T>, token: CancellationToken | undefined): Promise<T> {
  if (!token) return promise;
  return new Promise<T>((resolve, reject) => {
    const listener = token.onCancellationRequested(() => reject(requestCancelled()));
    promise.then(resolve, reject).finally(() => listener.dispose());
  });
}

/**
 * A request answered from one open document: null when the document is not open libvirt XML,
 * and null (logged) when answering throws.
 */
export async function answerFromDocument<T>(
  context: ServerContext,
  what: string,
  uri: string,
  answer: (document: LibvirtDocument) => T,
  token?: CancellationToken,
): Promise<T | null> {
  const document = await documentForRequest(context, uri, token);
  return context.guard.run(what, null, () => (document ? answer(document) : null));
}
