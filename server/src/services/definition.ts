import type { Location, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { TextRange } from '../parser/xmlTree';
import { offsetAt } from './lspRanges';
import { symbolAt } from './navigation/namedSymbol';
import { isSamePlace, locationOf } from './navigation/occurrenceLocation';
import { occurrencesOf } from './navigation/symbolOccurrences';

/**
 * Go to definition: from `<source network>` to the `<name>` of the network it resolves to (the
 * first by precedence when a name is defined twice — open documents, workspace, networkPaths,
 * connections, host folder — as the resolver chooses); from `<source
 * portgroup>` to that portgroup's name; from a tag to every other place carrying it (a peek
 * list when there are several); from `<source pool|volume>` and `<filterref filter>` to the pool,
 * volume or filter they name. On a definition itself, the answer is that definition.
 */
export function findDefinition(document: LibvirtDocument, position: Position, index: WorkspaceIndex): Location[] {
  const at = symbolAt(document, offsetAt(document, position));
  if (!at) return [];
  const { symbol } = at;
  const located = (places: ReadonlyArray<{ uri: string; range: TextRange }>): Location[] =>
    places.flatMap((place) => locationOf(place.uri, place.range, document, index) ?? []);
  if (symbol.kind === 'tag') {
    const tags = occurrencesOf(symbol, index);
    const others = tags.filter((tag) => !isSamePlace(tag, document.uri, at.written.range));
    return located(others.length > 0 ? others : tags);
  }
  if (at.isDefinition) return located([{ uri: document.uri, range: at.written.range }]);
  if (symbol.kind === 'pool' || symbol.kind === 'volume' || symbol.kind === 'filter') {
    // The definition that references resolve to: the first of occurrencesOf's definitions, by precedence.
    const first = occurrencesOf(symbol, index).find((occurrence) => occurrence.role === 'definition');
    return first ? located([first]) : [];
  }
  const definition = index.network(symbol.kind === 'network' ? symbol.name : symbol.networkName);
  if (!definition) return [];
  const name = symbol.kind === 'network' ? definition.network.name : definition.network.portGroups.find((group) => group.name?.value === symbol.name)?.name;
  return name ? located([{ uri: definition.uri, range: name.range }]) : [];
}
