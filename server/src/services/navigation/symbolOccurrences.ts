import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { TextRange, XmlElement } from '../../parser/xmlTree';
import type { NamedSymbol } from './namedSymbol';

/**
 * How a place in the workspace relates to a symbol:
 * - `definition`: the network's `<name>`, the `<portgroup name>`, or a `<tag name>`;
 * - `reference`: an interface's `<source network>` or `<source portgroup>` naming it;
 * - `implicit`: an interface that names no portgroup and so gets the default one (the range is
 *   its `<source network>`: there is no portgroup name to point at, nor to rename).
 */
export type OccurrenceRole = 'definition' | 'reference' | 'implicit';

export interface Occurrence {
  readonly uri: string;
  /** Exactly the name as written: the range a rename replaces. */
  readonly range: TextRange;
  readonly role: OccurrenceRole;
  /**
   * The quote the name stands between when it is an attribute value closed by one; undefined for
   * element text (a network's `<name>`). A new name is escaped for where it stands.
   */
  readonly quote: Quote | undefined;
}

type Quote = '"' | "'";

/** Every place in the indexed workspace where the symbol is defined or used, definitions first. */
export function occurrencesOf(symbol: NamedSymbol, index: WorkspaceIndex): Occurrence[] {
  switch (symbol.kind) {
    case 'network':
      return networkOccurrences(symbol.name, index);
    case 'portgroup':
      return portGroupOccurrences(symbol.networkName, symbol.name, index);
    case 'tag':
      return tagOccurrences(symbol.name, index);
    case 'pool':
      return poolOccurrences(symbol.name, index);
    case 'volume':
      return volumeOccurrences(symbol.poolName, symbol.name, index);
    case 'filter':
      return filterOccurrences(symbol.name, index);
  }
}

function poolOccurrences(name: string, index: WorkspaceIndex): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const { uri, pool } of index.pools(name)) if (pool.name) occurrences.push({ uri, range: pool.name.range, role: 'definition', quote: undefined });
  for (const { uri, disk } of index.volumeDisksUsing(name)) {
    if (disk.pool) occurrences.push({ uri, range: disk.pool.range, role: 'reference', quote: quoteAround(disk.source, disk.pool.range) });
  }
  return occurrences;
}

function volumeOccurrences(poolName: string, name: string, index: WorkspaceIndex): Occurrence[] {
  const occurrences: Occurrence[] = [];
  const definition = index.volume(poolName, name);
  if (definition?.volume.name) occurrences.push({ uri: definition.uri, range: definition.volume.name.range, role: 'definition', quote: undefined });
  for (const { uri, disk } of index.volumeDisksUsing(poolName, name)) {
    if (disk.volume) occurrences.push({ uri, range: disk.volume.range, role: 'reference', quote: quoteAround(disk.source, disk.volume.range) });
  }
  return occurrences;
}

function filterOccurrences(name: string, index: WorkspaceIndex): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const { uri, filter } of index.filters(name)) {
    if (filter.name) occurrences.push({ uri, range: filter.name.range, role: 'definition', quote: quoteAround(filter.element, filter.name.range) });
  }
  for (const { uri, ref } of index.filterRefsTo(name)) {
    if (ref.filter) occurrences.push({ uri, range: ref.filter.range, role: 'reference', quote: quoteAround(ref.element, ref.filter.range) });
  }
  return occurrences;
}

function networkOccurrences(name: string, index: WorkspaceIndex): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const { uri, network } of index.networks(name)) {
    if (network.name) occurrences.push({ uri, range: network.name.range, role: 'definition', quote: undefined });
  }
  for (const { uri, iface } of index.interfacesUsing(name)) {
    const written = iface.source?.attributes.get('network');
    if (written) occurrences.push({ uri, range: written.range, role: 'reference', quote: quoteAround(iface.source?.element, written.range) });
  }
  return occurrences;
}

function portGroupOccurrences(networkName: string, name: string, index: WorkspaceIndex): Occurrence[] {
  const occurrences: Occurrence[] = [];
  // Every definition of the network: renaming a portgroup in only one of two same-named
  // networks would change which of them the references agree with.
  for (const { uri, network } of index.networks(networkName)) {
    for (const group of network.portGroups) {
      if (group.name?.value === name)
        occurrences.push({ uri, range: group.name.range, role: 'definition', quote: quoteAround(group.element, group.name.range) });
    }
  }
  for (const { uri, iface } of index.interfacesUsing(networkName, name)) {
    const written = iface.source?.attributes.get('portgroup');
    if (written) occurrences.push({ uri, range: written.range, role: 'reference', quote: quoteAround(iface.source?.element, written.range) });
  }
  if (isDefaultPortGroup(networkName, name, index)) {
    for (const { uri, iface } of index.interfacesUsing(networkName)) {
      const source = iface.source;
      const network = source?.attributes.get('network');
      if (network && !source?.attributes.has('portgroup'))
        occurrences.push({ uri, range: network.range, role: 'implicit', quote: quoteAround(source?.element, network.range) });
    }
  }
  return occurrences;
}

/** As the resolver chooses it: the first portgroup with default='yes' (case-insensitive, as libvirt) of the network references resolve to. */
function isDefaultPortGroup(networkName: string, name: string, index: WorkspaceIndex): boolean {
  const groups = index.network(networkName)?.network.portGroups ?? [];
  return groups.find((group) => group.isDefault?.value.toLowerCase() === 'yes')?.name?.value === name;
}

function tagOccurrences(name: string, index: WorkspaceIndex): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const use of index.tags().get(name) ?? []) {
    if (use.tag.name)
      occurrences.push({ uri: use.uri, range: use.tag.name.range, role: 'definition', quote: quoteAround(use.tag.element, use.tag.name.range) });
  }
  return occurrences;
}

/**
 * The quote around the attribute value of the element at exactly this range, when its closing
 * quote is there too (what the model keeps of a file, so no text needs reading for it).
 */
function quoteAround(element: XmlElement | undefined, range: TextRange): Quote | undefined {
  const attribute = element?.attributes.find((candidate) => candidate.valueRange?.start === range.start && candidate.valueRange.end === range.end);
  return attribute?.valueClosed ? attribute.quote : undefined;
}
