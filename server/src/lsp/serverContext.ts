import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { LanguageService } from '../services/languageService';
import type { HandlerGuard } from './handlerGuard';

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
  /** The parsed open document, or undefined when it is not open or not libvirt XML. */
  openDocument(uri: string): LibvirtDocument | undefined;
}

/**
 * A request answered from one open document: null when the document is not open libvirt XML,
 * and null (logged) when answering throws.
 */
export function answerFromDocument<T>(context: ServerContext, what: string, uri: string, answer: (document: LibvirtDocument) => T): T | null {
  return context.guard.run(what, null, () => {
    const document = context.openDocument(uri);
    return document ? answer(document) : null;
  });
}
