import type { CodeLens, Location } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Ranged } from '../model/libvirtModel';
import type { XmlElement } from '../parser/xmlTree';
import { showReferencesCommand, type ShowReferencesArguments } from '../../../protocol/src/commands';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { toLspRange } from './lspRanges';
import type { NamedSymbol } from './navigation/namedSymbol';
import { poolOfVolume } from '../index/volumePool';
import { locationOf } from './navigation/occurrenceLocation';
import { occurrencesOf } from './navigation/symbolOccurrences';

/**
 * In a network file, above the network and above each portgroup: "used by N interfaces in M
 * domains"; clicking it lists them (the references peek).
 */
export function getCodeLenses(document: LibvirtDocument, index: WorkspaceIndex, displayPath: DisplayPath = shortDisplayPath): CodeLens[] {
  const storageOrFilter = storageOrFilterLens(document, index);
  if (storageOrFilter) return [storageOrFilter];
  const network = document.object;
  if (network?.kind !== 'network' || !network.name) return [];
  const winner = index.network(network.name.value);
  if (winner && winner.uri !== document.uri) {
    const there = locationOf(winner.uri, winner.network.name?.range ?? winner.network.element.nameRange, document, index);
    return [shadowedLens(document, network.element, network.name, winner.uri, there, displayPath)];
  }
  const lenses = [usageLens(document, index, network.element, network.name, { kind: 'network', name: network.name.value })];
  for (const group of network.portGroups) {
    if (group.name)
      lenses.push(usageLens(document, index, group.element, group.name, { kind: 'portgroup', networkName: network.name.value, name: group.name.value }));
  }
  return lenses;
}

/** Above a pool, a volume (in its pool's folder) or a filter: "used by 2 disks", "used 3 times" (interfaces and filters). */
function storageOrFilterLens(document: LibvirtDocument, index: WorkspaceIndex): CodeLens | undefined {
  const object = document.object;
  const name = object?.kind === 'pool' || object?.kind === 'volume' || object?.kind === 'filter' ? object.name : undefined;
  if (!object || !name) return undefined;
  const poolName = object.kind === 'volume' ? poolOfVolume(document.uri) : undefined;
  const symbol: NamedSymbol | undefined =
    object.kind === 'pool'
      ? { kind: 'pool', name: name.value }
      : object.kind === 'filter'
        ? { kind: 'filter', name: name.value }
        : poolName !== undefined
          ? { kind: 'volume', poolName, name: name.value }
          : undefined;
  if (!symbol) return undefined;
  const lens = usageLens(document, index, object.element, name, symbol);
  const count = (lens.command?.arguments?.[2] as unknown[] | undefined)?.length ?? 0;
  const what = object.kind === 'filter' ? 'filterref' : 'volume disk';
  return {
    ...lens,
    command: lens.command && { ...lens.command, title: count === 0 ? `used by no ${what}` : `used by ${count} ${what}${count === 1 ? '' : 's'}` },
  };
}

function usageLens(document: LibvirtDocument, index: WorkspaceIndex, element: XmlElement, name: Ranged, symbol: NamedSymbol): CodeLens {
  const uses = occurrencesOf(symbol, index).filter((occurrence) => occurrence.role !== 'definition');
  const locations: Location[] = [];
  for (const use of uses) {
    const location = locationOf(use.uri, use.range, document, index);
    if (location) locations.push(location);
  }
  const byDefault = uses.filter((use) => use.role === 'implicit').length;
  const title = usageTitle(uses.length, new Set(uses.map((use) => use.uri)).size, byDefault);
  const commandArguments: ShowReferencesArguments = [document.uri, document.lines.positionAt(name.range.start), locations];
  return {
    range: toLspRange(document.lines, element.nameRange),
    command: { title, command: showReferencesCommand, arguments: commandArguments },
  };
}

/**
 * Another definition of the same name wins (see originRank): no interface uses this one, so its
 * lens says which one they use instead of counting them; clicking it goes there.
 */
function shadowedLens(
  document: LibvirtDocument,
  element: XmlElement,
  name: Ranged,
  winnerUri: string,
  there: Location | undefined,
  displayPath: DisplayPath,
): CodeLens {
  const position = document.lines.positionAt(name.range.start);
  const commandArguments: ShowReferencesArguments = [document.uri, position, there ? [there] : []];
  return {
    range: toLspRange(document.lines, element.nameRange),
    command: { title: `not used: references resolve to ${displayPath(winnerUri)}`, command: showReferencesCommand, arguments: commandArguments },
  };
}

/** "used by 3 interfaces in 2 domains (1 by default)", "used by 1 interface", "used by no interface". */
export function usageTitle(interfaces: number, domains: number, byDefault: number): string {
  if (interfaces === 0) return 'used by no interface';
  const count = `${interfaces} interface${interfaces === 1 ? '' : 's'}`;
  const where = ` in ${domains} domain${domains === 1 ? '' : 's'}`;
  return `used by ${count}${where}${byDefault > 0 ? ` (${byDefault} by default)` : ''}`;
}
