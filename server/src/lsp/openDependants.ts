import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexChange, WorkspaceIndex } from '../index/workspaceIndex';

/**
 * The open documents whose findings depend on these network names (domains using them, and
 * same-named networks), and on the pools and filters a change touched (domains naming them,
 * filters in a chain).
 */
export function openDependants(
  index: WorkspaceIndex,
  documents: TextDocuments<TextDocument>,
  networkNames: Iterable<string>,
  storageAndFilters?: Pick<IndexChange, 'poolNames' | 'filterNames'>,
): string[] {
  const uris = dependants(index, networkNames);
  if (storageAndFilters) for (const uri of index.storageAndFilterDependants(storageAndFilters.poolNames, storageAndFilters.filterNames)) uris.add(uri);
  return [...uris].filter((uri) => documents.get(uri) !== undefined);
}

/** The indexed documents (open or not) whose findings depend on these network names: domains using them, and same-named networks. */
export function dependants(index: WorkspaceIndex, networkNames: Iterable<string>): Set<string> {
  const names = [...networkNames];
  const uris = index.dependants(names);
  for (const name of names) for (const definition of index.networks(name)) uris.add(definition.uri);
  return uris;
}
