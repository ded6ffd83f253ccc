import { poolOfVolume } from '../../index/volumePool';
import { filterRefsOf, tagUses } from '../../index/workspaceIndex';
import type { LibvirtDocument } from '../../model/libvirtDocument';
import type { Ranged } from '../../model/libvirtModel';
import { containsOffset } from '../../parser/markupAt';

/**
 * A name that links files together: a network (defined by `<name>`, used by
 * `<source network>`), a portgroup of a network (defined by `<portgroup name>`, used by
 * `<source portgroup>`), or an RFC tag (every `<tag name>` carrying it).
 */
export type NamedSymbol =
  | { readonly kind: 'network'; readonly name: string }
  | { readonly kind: 'portgroup'; readonly networkName: string; readonly name: string }
  | { readonly kind: 'tag'; readonly name: string }
  | { readonly kind: 'pool'; readonly name: string }
  | { readonly kind: 'volume'; readonly poolName: string; readonly name: string }
  | { readonly kind: 'filter'; readonly name: string };

/** A symbol where the cursor stands, with the range of the name written there. */
export interface SymbolAtCursor {
  readonly symbol: NamedSymbol;
  /** The name as written at the cursor (between quotes, or the `<name>` text). */
  readonly written: Ranged;
  /** True when the cursor is on a definition (a network's `<name>`, a `<portgroup name>`, any tag). */
  readonly isDefinition: boolean;
}

/**
 * The symbol whose name holds the offset, read from the libvirt model rather than the raw
 * tree, so only the places libvirt reads as names count (a `<bridge name='mynet'>` never does).
 */
export function symbolAt(document: LibvirtDocument, offset: number): SymbolAtCursor | undefined {
  const object = document.object;
  const on = (ranged: Ranged | undefined): boolean => ranged !== undefined && containsOffset(ranged.range, offset);
  if (object?.kind === 'network') {
    const networkName = object.name?.value ?? '';
    if (object.name && on(object.name)) return { symbol: { kind: 'network', name: networkName }, written: object.name, isDefinition: true };
    for (const group of object.portGroups) {
      if (group.name && on(group.name)) return { symbol: { kind: 'portgroup', networkName, name: group.name.value }, written: group.name, isDefinition: true };
    }
  } else if (object?.kind === 'domain') {
    for (const iface of object.interfaces) {
      const network = iface.source?.attributes.get('network');
      const portGroup = iface.source?.attributes.get('portgroup');
      if (network && on(network)) return { symbol: { kind: 'network', name: network.value }, written: network, isDefinition: false };
      if (portGroup && network && on(portGroup)) {
        return { symbol: { kind: 'portgroup', networkName: network.value, name: portGroup.value }, written: portGroup, isDefinition: false };
      }
    }
  }
  const storageOrFilter = storageOrFilterAt(document, offset);
  if (storageOrFilter) return storageOrFilter;
  for (const use of tagUses(document.uri, document)) {
    if (use.tag.name && on(use.tag.name)) return { symbol: { kind: 'tag', name: use.tag.name.value }, written: use.tag.name, isDefinition: true };
  }
  return undefined;
}

/**
 * A pool (`<pool><name>`, `<source pool>`), a volume (`<volume><name>` in a pool's folder,
 * `<source volume>`) or a filter (`<filter name>`, any `<filterref filter>`) where the cursor is.
 */
function storageOrFilterAt(document: LibvirtDocument, offset: number): SymbolAtCursor | undefined {
  const object = document.object;
  const on = (ranged: Ranged | undefined): ranged is Ranged => ranged !== undefined && containsOffset(ranged.range, offset);
  if (object?.kind === 'pool' && on(object.name)) return { symbol: { kind: 'pool', name: object.name.value }, written: object.name, isDefinition: true };
  const poolName = object?.kind === 'volume' ? poolOfVolume(document.uri) : undefined;
  if (object?.kind === 'volume' && poolName !== undefined && on(object.name))
    return { symbol: { kind: 'volume', poolName, name: object.name.value }, written: object.name, isDefinition: true };
  if (object?.kind === 'filter' && on(object.name)) return { symbol: { kind: 'filter', name: object.name.value }, written: object.name, isDefinition: true };
  if (object?.kind === 'domain') {
    for (const { pool, volume } of object.volumeDisks) {
      if (pool === undefined) continue;
      if (containsOffset(pool.range, offset)) return { symbol: { kind: 'pool', name: pool.value }, written: pool, isDefinition: false };
      if (volume !== undefined && containsOffset(volume.range, offset))
        return { symbol: { kind: 'volume', poolName: pool.value, name: volume.value }, written: volume, isDefinition: false };
    }
  }
  for (const ref of object ? filterRefsOf(object) : []) {
    if (on(ref.filter)) return { symbol: { kind: 'filter', name: ref.filter.value }, written: ref.filter, isDefinition: false };
  }
  return undefined;
}

/** "network 'mynet'", "portgroup 'web' of network 'mynet'", "tag 'prod'": for messages. */
export function describeSymbol(symbol: NamedSymbol): string {
  switch (symbol.kind) {
    case 'network':
      return `network '${symbol.name}'`;
    case 'portgroup':
      return `portgroup '${symbol.name}' of network '${symbol.networkName}'`;
    case 'tag':
      return `tag '${symbol.name}'`;
    case 'pool':
      return `storage pool '${symbol.name}'`;
    case 'volume':
      return `volume '${symbol.name}' of pool '${symbol.poolName}'`;
    case 'filter':
      return `network filter '${symbol.name}'`;
  }
}
