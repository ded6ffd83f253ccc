import type { Location, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { offsetAt } from './lspRanges';
import { symbolAt } from './navigation/namedSymbol';
import { isSamePlace, locationOf } from './navigation/occurrenceLocation';
import { occurrencesOf } from './navigation/symbolOccurrences';

/**
 * Find all references: for a network or portgroup, every interface of the workspace that uses
 * it (for the default portgroup, also those that name no portgroup, at their `<source
 * network>`), plus its definitions when the client asks for the declaration. For a tag, every
 * element carrying it; all of them define the tag, so the "declaration" left out on request is
 * the one under the cursor.
 */
export function findReferences(document: LibvirtDocument, position: Position, index: WorkspaceIndex, includeDeclaration: boolean): Location[] {
  const at = symbolAt(document, offsetAt(document, position));
  if (!at) return [];
  const occurrences = occurrencesOf(at.symbol, index).filter((occurrence) =>
    includeDeclaration ? true : at.symbol.kind === 'tag' ? !isSamePlace(occurrence, document.uri, at.written.range) : occurrence.role !== 'definition',
  );
  const locations: Location[] = [];
  for (const occurrence of occurrences) {
    const location = locationOf(occurrence.uri, occurrence.range, document, index);
    if (location) locations.push(location);
  }
  return locations;
}
