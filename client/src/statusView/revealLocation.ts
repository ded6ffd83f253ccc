import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-types';

/**
 * Opens a file at a range in the editor group where the domain is being edited (not in the
 * panel's group beside it), selecting the range so the eye lands on it.
 */
export async function revealLocation(uri: string, range: Range, domainUri: string | undefined): Promise<void> {
  const target = vscode.Uri.parse(uri, true);
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const domainEditor = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === domainUri);
  const viewColumn = domainEditor?.viewColumn ?? vscode.ViewColumn.One;
  const editor = await vscode.window.showTextDocument(target, { viewColumn, selection, preserveFocus: false, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
