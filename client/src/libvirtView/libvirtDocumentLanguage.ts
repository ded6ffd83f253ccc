import * as vscode from 'vscode';
import { libvirtUriScheme } from '../../../protocol/src/libvirtUris';

/**
 * The `libvirt:` URIs end in `.xml`, so VS Code gives their documents the language `xml`, unless
 * another extension claims `.xml` files for a language of its own: the language client serves
 * `libvirt:` documents of the language `xml` only (they are never files it could claim by name).
 */
export function keepLibvirtDocumentsXml(): vscode.Disposable {
  const makeXml = (document: vscode.TextDocument) => {
    if (document.uri.scheme !== libvirtUriScheme || document.languageId === 'xml') return;
    vscode.languages.setTextDocumentLanguage(document, 'xml').then(undefined, () => undefined); // closed meanwhile
  };
  for (const document of vscode.workspace.textDocuments) makeXml(document);
  return vscode.workspace.onDidOpenTextDocument(makeXml);
}
