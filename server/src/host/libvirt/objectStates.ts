import type { DomainRunState, NetworkRunState } from '../../../../protocol/src/libvirtTree';
import type { LibvirtObjectKind } from '../../../../protocol/src/libvirtUris';
import { parseUuidList } from './virshOutput';

/** What has a state: networks, domains and storage pools. */
type ObjectKind = LibvirtObjectKind | 'pool';

/**
 * Whether a network, pool or domain runs, as libvirt says: networks `active` or `inactive`
 * (virNetworkIsActive; pools too, virStoragePoolIsActive), domains by virDomainState: `running`, `paused`, `shut off`, or `other`
 * (blocked, crashed, suspended to memory, in shutdown).
 */
export type RunState = NetworkRunState | DomainRunState;

export interface ObjectState {
  readonly runState: RunState;
  /** Started with the host (`virsh net-autostart`, `virsh autostart`). */
  readonly autostart: boolean;
  /** Has a persistent definition (false for an object made with `net-create` / `create` only). */
  readonly persistent: boolean;
}

/**
 * The lists that tell every object's state by UUID, asked in the same virsh process as the list
 * of all UUIDs: each names objects by UUID, so no name passes through virsh's command parser.
 * libvirt's list filters (virConnectListAllNetworks/Domains flags): a state filter implies
 * `--all`; `--autostart` and `--persistent` need it.
 */
const stateCommands: Record<ObjectKind, Record<string, string>> = {
  network: { active: 'net-list --uuid', autostart: 'net-list --all --uuid --autostart', persistent: 'net-list --all --uuid --persistent' },
  // virsh 9.0's pool-list has no --active: without --all or --inactive it lists the active pools.
  pool: { active: 'pool-list --uuid', autostart: 'pool-list --all --uuid --autostart', persistent: 'pool-list --all --uuid --persistent' },
  domain: {
    running: 'list --uuid --state-running',
    paused: 'list --uuid --state-paused',
    shutoff: 'list --uuid --state-shutoff',
    autostart: 'list --all --uuid --autostart',
    persistent: 'list --all --uuid --persistent',
  },
};

/** The commands to run after the list of all UUIDs, in the order readObjectStates expects their outputs. */
export function objectStateCommands(kind: ObjectKind): string[] {
  return Object.values(stateCommands[kind]);
}

/** Each UUID's state from the outputs of objectStateCommands (same order); a UUID in no list is inactive / `other`. */
export function readObjectStates(kind: ObjectKind, outputs: readonly string[]): (uuid: string) => ObjectState {
  const keys = Object.keys(stateCommands[kind]);
  const sets = new Map(keys.map((key, i) => [key, new Set(parseUuidList(outputs[i] ?? '').map((uuid) => uuid.toLowerCase()))]));
  const has = (key: string, uuid: string) => sets.get(key)?.has(uuid.toLowerCase()) ?? false;
  return (uuid) => ({ runState: runStateOf(kind, (key) => has(key, uuid)), autostart: has('autostart', uuid), persistent: has('persistent', uuid) });
}

function runStateOf(kind: ObjectKind, listed: (key: string) => boolean): RunState {
  if (kind !== 'domain') return listed('active') ? 'active' : 'inactive';
  if (listed('running')) return 'running';
  if (listed('paused')) return 'paused';
  return listed('shutoff') ? 'shut off' : 'other';
}
