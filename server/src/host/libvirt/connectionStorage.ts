import type { DefinitionOrigin } from '../../index/definitionOrigin';
import { storageObjectUri } from '../../index/volumePool';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { parseLibvirtDocument } from '../../model/libvirtDocument';
import type { StorageAndFilters } from './storageAndFilterReader';

/** One connection's pools, volumes and filters into the index under their `libvirt:` URIs (see storageObjectUri); returns the URIs and texts. */
export function indexConnectionStorage(index: WorkspaceIndex, label: string, connectionUri: string, storage: StorageAndFilters): Map<string, string> {
  const origin: DefinitionOrigin = { kind: 'connection', label, connectionUri };
  const texts = new Map<string, string>();
  for (const pool of storage.pools) texts.set(storageObjectUri(label, 'pool', pool.name), pool.xml);
  for (const volume of storage.volumes) texts.set(storageObjectUri(label, 'volume', volume.name, volume.poolName), volume.xml);
  for (const filter of storage.filters) texts.set(storageObjectUri(label, 'nwfilter', filter.name), filter.xml);
  for (const [uri, xml] of texts) index.updateClosed(parseLibvirtDocument(uri, xml), origin);
  return texts;
}
