import * as vscode from 'vscode';
import type { DomainDocuments } from '../domainDocuments';
import { isXmlDocument } from '../domainDocuments';
import { settingsSection } from '../../../protocol/src/settings';
import type { StatusPanel } from './statusPanel';

/**
 * Keeps the status panel live: it is asked again when the domain or any XML document changes
 * (a network may be added, renamed or edited), when the server says the domain's status changed
 * or re-publishes diagnostics for a file the status depends on, when XML files change on disk,
 * and when the settings change;
 * it switches to another domain when the user moves to that domain's editor.
 */
export function followChanges(
  panel: StatusPanel,
  domains: DomainDocuments,
  xmlFileWatcher: vscode.FileSystemWatcher,
  onServerStatusChanged: vscode.Event<readonly string[]>,
): vscode.Disposable {
  const refreshIfOpen = () => {
    if (panel.isOpen) panel.scheduleRefresh();
  };
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && isXmlDocument(event.document)) refreshIfOpen();
    }),
    // Diagnostics arrive after the server has taken a change in: asking again then is never early.
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((uri) => panel.dependsOn(uri))) refreshIfOpen();
    }),
    onServerStatusChanged((uris) => {
      if (uris.includes(panel.documentUri ?? '')) refreshIfOpen();
    }),
    xmlFileWatcher.onDidChange(refreshIfOpen),
    xmlFileWatcher.onDidCreate(refreshIfOpen),
    xmlFileWatcher.onDidDelete(refreshIfOpen),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(settingsSection)) refreshIfOpen();
    }),
    // Focus moving to the panel itself leaves no active text editor: keep showing the same domain.
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && domains.isDomain(editor.document)) panel.follow(editor.document.uri);
    }),
  );
}
