import type { DefinitionOrigin } from '../../index/definitionOrigin';
import { storageObjectUri } from '../../index/volumePool';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { parseLibvirtDocument } from '../../model/libvirtDocument';
import type { ObjectState } from './objectStates';
import type { StorageAndFilters } from './storageAndFilterReader';

/** A pool, volume or network filter of a connection as the index holds it: its `libvirt:` URI and XML, with what the view shows. */
export interface StorageEntry {
  readonly uri: string;
  readonly xml: string;
  readonly kind: 'pool' | 'volume' | 'nwfilter';
  readonly name: string;
  /** A pool's or filter's UUID (volumes have none: a key, in their XML). */
  readonly uuid?: string;
  /** A volume's pool. */
  readonly pool?: string;
  /** A pool's state. */
  readonly state?: ObjectState;
}

/**
 * One connection's pools (with their volumes) and filters under its label, in the order read. A
 * pool or filter an earlier connection already gave (same UUID: as root, qemu:///session is the
 * system daemon) is left out, with its volumes; `seen` carries the UUIDs across connections.
 */
export function storageEntries(label: string, storage: StorageAndFilters, seen = new Set<string>()): StorageEntry[] {
  const entries: StorageEntry[] = [];
  const given = new Set<string>();
  for (const pool of storage.pools) {
    if (seen.has(`pool:${pool.uuid}`)) continue;
    seen.add(`pool:${pool.uuid}`);
    given.add(pool.uuid);
    entries.push({ uri: storageObjectUri(label, 'pool', pool.name), xml: pool.xml, kind: 'pool', name: pool.name, uuid: pool.uuid, state: pool.state });
  }
  for (const volume of storage.volumes) {
    if (!given.has(volume.poolUuid)) continue;
    const uri = storageObjectUri(label, 'volume', volume.name, volume.poolName);
    entries.push({ uri, xml: volume.xml, kind: 'volume', name: volume.name, pool: volume.poolName });
  }
  for (const filter of storage.filters) {
    if (seen.has(`nwfilter:${filter.uuid}`)) continue;
    seen.add(`nwfilter:${filter.uuid}`);
    entries.push({ uri: storageObjectUri(label, 'nwfilter', filter.name), xml: filter.xml, kind: 'nwfilter', name: filter.name, uuid: filter.uuid });
  }
  return entries;
}

/** The pools among the entries whose volumes libvirt listed: the active ones (it lists none of an inactive pool). */
export function listedPoolUris(entries: readonly StorageEntry[]): string[] {
  return entries.filter((entry) => entry.kind === 'pool' && entry.state?.runState === 'active').map((entry) => entry.uri);
}

/** One connection's pools, volumes and filters into the index under their `libvirt:` URIs (see storageObjectUri); returns the URIs and texts. */
export function indexConnectionStorage(index: WorkspaceIndex, label: string, connectionUri: string, storage: StorageAndFilters): Map<string, string> {
  const origin: DefinitionOrigin = { kind: 'connection', label, connectionUri };
  const texts = new Map(storageEntries(label, storage).map((entry) => [entry.uri, entry.xml]));
  for (const [uri, xml] of texts) index.updateClosed(parseLibvirtDocument(uri, xml), origin);
  return texts;
}
