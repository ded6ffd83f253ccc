import * as vscode from 'vscode';
import type { DomainDocuments } from './domainDocuments';
import { sniffRootElementName } from '../../protocol/src/libvirtRoot';
import type { StatusPanel } from './statusView/statusPanel';

/**
 * "Libvirt: Show Resolved Status": for the editor's domain (the editor-title button passes its
 * document's URI; the command palette uses the active editor).
 */
export async function showStatus(panel: StatusPanel, domains: DomainDocuments, argument: unknown): Promise<void> {
  const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a libvirt domain XML file to see the resolved status of its interfaces.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (!domains.isDomain(document)) {
    const root = sniffRootElementName(document.getText(new vscode.Range(0, 0, 2000, 0)));
    const found = root ? `its root element is <${root}>` : 'it has no root element yet';
    void vscode.window.showInformationMessage(
      `${vscode.workspace.asRelativePath(uri)} is not a libvirt domain (${found}); the resolved status is shown for <domain> files.`,
    );
    return;
  }
  panel.show(document.uri);
}
