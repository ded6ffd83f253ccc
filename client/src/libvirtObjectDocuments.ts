import * as vscode from 'vscode';
import { libvirtUriScheme } from '../../protocol/src/libvirtUris';
import { libvirtObjectViewText, unavailableObjectText } from './libvirtObjectText';

/** Asks the language server for the XML of a `libvirt:` URI (libvirtXml/libvirtObjectText); the raw answer. */
export type LibvirtObjectTextRequester = (uri: string) => Promise<unknown>;

/**
 * The read-only documents of the `libvirt:` scheme: a network or domain as a libvirt connection
 * defines it (`libvirt://system/network/default.xml`), its text asked of the language server,
 * which read it with virsh. Hover links, go to definition and the status panel open them.
 *
 * They are XML documents, so the language client serves them (hover, diagnostics, navigation);
 * when the server reads an object again (`virsh net-define`, a restarted daemon) the open view
 * is read again, and the server sees the new text as an edit of the open document.
 */
export class LibvirtObjectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly requestText: LibvirtObjectTextRequester) {
    for (const document of vscode.workspace.textDocuments) this.makeXml(document);
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.makeXml(document)),
      this.changed,
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    try {
      return libvirtObjectViewText(key, await this.requestText(key));
    } catch (error) {
      return unavailableObjectText(key, `the language server did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** The server read these objects again (defined, changed or undefined): the open views among them ask again. */
  objectsChanged(uris: readonly string[]): void {
    const open = new Map<string, vscode.Uri>();
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === libvirtUriScheme) open.set(document.uri.toString(), document.uri);
    }
    if (open.size === 0) return;
    for (const uri of uris) {
      // The server's spelling of the URI and VS Code's agree (protocol/src/libvirtUris.ts); parsing makes sure.
      const document = open.get(uri) ?? open.get(vscode.Uri.parse(uri).toString());
      if (document) this.changed.fire(document);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /**
   * The URIs end in `.xml`, so VS Code gives the views the language `xml`, unless another
   * extension claims `.xml` files for a language of its own: the language client serves `libvirt:`
   * documents of the language `xml` only (a view is never a file it could claim by name).
   */
  private makeXml(document: vscode.TextDocument): void {
    if (document.uri.scheme !== libvirtUriScheme || document.languageId === 'xml') return;
    vscode.languages.setTextDocumentLanguage(document, 'xml').then(undefined, () => undefined); // closed meanwhile
  }
}
