import * as vscode from 'vscode';

/** The scheme of the texts the Libvirt view shows in diff editors (never saved anywhere). */
export const readOnlyTextScheme = 'libvirt-xml-text';

/**
 * Read-only texts for the sides of diff editors: the host's definition beside the user's on a
 * save conflict, the prediction beside the running domain. Each is kept under a URI of its own
 * (`libvirt-xml-text:/KEY/TITLE.xml`), shown as XML, and can be replaced (the open diff follows).
 */
export class ReadOnlyTexts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Keeps a text under a URI whose last segment (the tab's title) is `title`. */
  put(key: string, title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: readOnlyTextScheme, path: `/${encodeURIComponent(key)}/${title}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '<!-- This text is no longer available: run the command again. -->\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
