import * as vscode from 'vscode';
import { domainPathsContextKey } from './identifiers';
import { sniffLibvirtRoot, sniffedPrefixLength } from '../../protocol/src/libvirtRoot';

/**
 * Keeps track of which open documents are libvirt domains, by their root element, and publishes
 * their paths as a context key so the status button appears on exactly those editors
 * (`resourcePath in libvirtXml.domainPaths`).
 */
export class DomainDocuments implements vscode.Disposable {
  /** URI string → the document's URI, for the documents that are domains. */
  private readonly domains = new Map<string, vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    for (const document of vscode.workspace.textDocuments) this.examine(document, false);
    this.publish();
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.examine(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.examine(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    );
  }

  isDomain(document: vscode.TextDocument): boolean {
    return isXmlDocument(document) && sniffLibvirtRoot(prefixOf(document)) === 'domain';
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private examine(document: vscode.TextDocument, publish = true): void {
    const key = document.uri.toString();
    const was = this.domains.has(key);
    const is = this.isDomain(document);
    if (was === is) return;
    if (is) this.domains.set(key, document.uri);
    else this.domains.delete(key);
    if (publish) this.publish();
  }

  private forget(uri: vscode.Uri): void {
    if (this.domains.delete(uri.toString())) this.publish();
  }

  private publish(): void {
    // The workbench's `resourcePath` is the file-system path for file URIs and the URI's path otherwise.
    const paths = new Set([...this.domains.values()].flatMap((uri) => (uri.scheme === 'file' ? [uri.fsPath, uri.path] : [uri.path])));
    void vscode.commands.executeCommand('setContext', domainPathsContextKey, [...paths]);
  }
}

/** The documents the language server is given: XML by language, or by file name when another extension claimed the file. */
export function isXmlDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'xml' || (document.uri.scheme === 'file' && document.uri.path.toLowerCase().endsWith('.xml'));
}

/** The start of a document, enough to find its root element without copying a large file. */
function prefixOf(document: vscode.TextDocument): string {
  const lastLine = Math.min(document.lineCount, 2000);
  const text = document.getText(new vscode.Range(0, 0, lastLine, 0));
  return text.length > sniffedPrefixLength ? text.slice(0, sniffedPrefixLength) : text;
}
