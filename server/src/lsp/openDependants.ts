import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { touchesPortGroup } from '../index/networkEditScope';
import type { IndexChange, WorkspaceIndex } from '../index/workspaceIndex';

/**
 * The open documents whose findings depend on these network names (domains using them, and
 * same-named networks), and on the pools and filters a change touched (domains naming them,
 * filters in a chain). Of a network whose edit has a scope (`networkEdits`), only the domains
 * with an interface it touches: the others would be published unchanged.
 */
export function openDependants(
  index: WorkspaceIndex,
  documents: TextDocuments<TextDocument>,
  networkNames: Iterable<string>,
  storageAndFilters?: Pick<IndexChange, 'poolNames' | 'filterNames'>,
  networkEdits?: IndexChange['networkEdits'],
): string[] {
  const uris = dependants(index, networkNames, networkEdits);
  if (storageAndFilters) for (const uri of index.storageAndFilterDependants(storageAndFilters.poolNames, storageAndFilters.filterNames)) uris.add(uri);
  return [...uris].filter((uri) => documents.get(uri) !== undefined);
}

/** The indexed documents (open or not) whose findings depend on these network names: domains using them, and same-named networks. */
export function dependants(index: WorkspaceIndex, networkNames: Iterable<string>, networkEdits?: IndexChange['networkEdits']): Set<string> {
  const names = [...networkNames];
  const uris = index.dependants(names.filter((name) => !networkEdits?.has(name)));
  for (const [name, scope] of networkEdits ?? []) {
    if (!names.includes(name)) continue;
    for (const use of index.interfacesUsing(name)) if (touchesPortGroup(scope, use.iface.source?.attributes.get('portgroup')?.value)) uris.add(use.uri);
  }
  for (const name of names) for (const definition of index.networks(name)) uris.add(definition.uri);
  return uris;
}
