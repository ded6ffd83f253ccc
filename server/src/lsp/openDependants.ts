import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { touchesPortGroup } from '../index/networkEditScope';
import type { IndexChange, WorkspaceIndex } from '../index/workspaceIndex';

/** What the editor has open (the server's TextDocuments). */
export type OpenDocuments = Pick<TextDocuments<TextDocument>, 'get'>;

/**
 * The open documents whose findings depend on what a change of the index touched: domains using
 * its networks, and same-named networks (of a network whose edit has a scope, only the domains
 * with an interface it touches: the others would be published unchanged); domains naming its
 * pools, and domains and filters whose chain may pass through its filters. Taken whole, so that
 * no caller can leave a part of the change out.
 */
export function openDependants(index: WorkspaceIndex, documents: OpenDocuments, change: IndexChange): string[] {
  const uris = dependants(index, change);
  for (const uri of index.storageAndFilterDependants(change)) uris.add(uri);
  return [...uris].filter((uri) => documents.get(uri) !== undefined);
}

/** The indexed documents (open or not) whose findings depend on the networks a change touched: domains using them, and same-named networks. */
export function dependants(index: WorkspaceIndex, change: Pick<IndexChange, 'networkNames' | 'networkEdits'>): Set<string> {
  const { networkNames, networkEdits } = change;
  const uris = index.dependants([...networkNames].filter((name) => !networkEdits?.has(name)));
  for (const [name, scope] of networkEdits ?? []) {
    if (!networkNames.has(name)) continue;
    for (const use of index.interfacesUsing(name)) if (touchesPortGroup(scope, use.portGroup)) uris.add(use.uri);
  }
  for (const name of networkNames) for (const definition of index.networks(name)) uris.add(definition.uri);
  return uris;
}
