import { uniqueConnectionLabels } from '../../../../protocol/src/libvirtUris';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../../model/libvirtDocument';
import { isWorthSaying, unreadableSource, type ConnectionFailure } from './connectionFailure';
import { objectEntries, type ObjectEntry } from './connectionObjects';
import { readDefinedObjects, type DefinedObject } from './connectionReader';
import { readStorageAndFilters, type StorageAndFilters } from './storageAndFilterReader';
import { indexConnectionStorage, listedPoolUris, storageEntries } from './connectionStorage';
import type { ConnectionSetting } from './connectionSources';

/** What one connection defined when it was read once (the CLI's view: no events, no retries). */
export interface ConnectionSnapshot {
  readonly setting: ConnectionSetting;
  readonly label: string;
  readonly networks: readonly DefinedObject[];
  readonly domains: readonly DefinedObject[];
  /** Its pools, volumes and network filters; undefined when they could not be read. */
  readonly storage?: StorageAndFilters;
  readonly failure?: ConnectionFailure;
}

/** Reads each connection once, all at the same time: networks, and domains when asked. */
export async function readSnapshots(settings: readonly ConnectionSetting[], options: { domains: boolean }): Promise<ConnectionSnapshot[]> {
  const labels = uniqueConnectionLabels(settings.map((setting) => setting.uri));
  return Promise.all(
    settings.map(async (setting, i) => {
      const label = labels[i];
      const target = { connectionUri: setting.uri, autostart: setting.explicit };
      const networks = await readDefinedObjects(target, 'network');
      if (!networks.ok) return { setting, label, networks: [], domains: [], failure: networks.failure };
      const domains = options.domains ? await readDefinedObjects(target, 'domain') : { ok: true as const, objects: [] };
      if (!domains.ok) return { setting, label, networks: networks.objects, domains: [], failure: domains.failure };
      const storage = await readStorageAndFilters(target);
      return { setting, label, networks: networks.objects, domains: domains.objects, storage: storage.ok ? storage.objects : undefined };
    }),
  );
}

/**
 * Puts the snapshots' networks (and domains) into the index under their `libvirt:` URIs, in
 * order, an object seen on an earlier connection (same UUID) once; records which connections
 * could not be read. Returns the domain documents indexed, by connection.
 */
export function indexSnapshots(index: WorkspaceIndex, snapshots: readonly ConnectionSnapshot[]): Map<ConnectionSnapshot, LibvirtDocument[]> {
  index.setConnections(snapshots.map((snapshot) => ({ uri: snapshot.setting.uri, label: snapshot.label })));
  index.setUnreadableSources(
    snapshots.flatMap(({ setting, failure }) => (failure && isWorthSaying(setting.explicit, failure) ? [unreadableSource(setting.uri, failure)] : [])),
  );
  const add = (entry: ObjectEntry): LibvirtDocument => {
    const document = parseLibvirtDocument(entry.uri, entry.xml);
    index.update(document, index.originOf(entry.uri));
    return document;
  };
  indexStorageAndFilters(index, snapshots);
  const seen = new Set<string>();
  objectEntries(
    'network',
    snapshots.map(({ label, networks }) => ({ label, objects: networks })),
    seen,
  ).forEach(add);
  const domains = objectEntries(
    'domain',
    snapshots.map(({ label, domains: objects }) => ({ label, objects })),
    seen,
  ).map((entry) => ({ entry, document: add(entry) }));
  return new Map(snapshots.map((snapshot) => [snapshot, domains.filter(({ entry }) => entry.label === snapshot.label).map(({ document }) => document)]));
}

/** The snapshots' pools, volumes and filters into the index, each under its connection's origin. */
function indexStorageAndFilters(index: WorkspaceIndex, snapshots: readonly ConnectionSnapshot[]): void {
  for (const { label, setting, storage } of snapshots) if (storage) indexConnectionStorage(index, label, setting.uri, storage);
  index.setListedPools(snapshots.flatMap(({ label, storage }) => (storage ? listedPoolUris(storageEntries(label, storage)) : [])));
  // A default connection whose daemon is not running defines nothing (as for networks): it counts as read.
  const read = snapshots.filter(({ storage, setting, failure }) => storage || (failure && !isWorthSaying(setting.explicit, failure)));
  index.setStorageAndFilterReaders(read.map((snapshot) => snapshot.label));
}
