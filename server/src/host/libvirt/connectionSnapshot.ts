import { libvirtObjectUri, uniqueConnectionLabels } from '../../../../protocol/src/libvirtUris';
import type { UnreadableSource } from '../../index/definitionOrigin';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../../model/libvirtDocument';
import { isWorthSaying, type ConnectionFailure } from './connectionFailure';
import { readDefinedObjects, type DefinedObject, type ObjectKind } from './connectionReader';
import type { ConnectionSetting } from './connectionSources';
import { nameOfDump } from './connectionSources';

/** What one connection defined when it was read once (the CLI's view: no events, no retries). */
export interface ConnectionSnapshot {
  readonly setting: ConnectionSetting;
  readonly label: string;
  readonly networks: readonly DefinedObject[];
  readonly domains: readonly DefinedObject[];
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
      return { setting, label, networks: networks.objects, domains: domains.objects };
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
  const unreadable: UnreadableSource[] = [];
  const seen = new Set<string>();
  const domains = new Map<ConnectionSnapshot, LibvirtDocument[]>();
  for (const snapshot of snapshots) {
    const { failure } = snapshot;
    if (failure && isWorthSaying(snapshot.setting.explicit, failure))
      unreadable.push({ name: snapshot.setting.uri, reason: `${failure.reason}; ${failure.remedy}` });
    const add = (kind: ObjectKind, object: DefinedObject): LibvirtDocument | undefined => {
      if (seen.has(object.uuid)) return undefined;
      seen.add(object.uuid);
      const name = nameOfDump(object.xml);
      if (name === undefined) return undefined;
      const uri = libvirtObjectUri({ connection: snapshot.label, kind, name });
      const document = parseLibvirtDocument(uri, object.xml);
      index.update(document, index.originOf(uri));
      return document;
    };
    for (const network of snapshot.networks) add('network', network);
    domains.set(
      snapshot,
      snapshot.domains.flatMap((domain) => add('domain', domain) ?? []),
    );
  }
  index.setUnreadableSources(unreadable);
  return domains;
}
