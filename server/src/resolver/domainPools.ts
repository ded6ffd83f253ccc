import { FindingList } from '../model/findingList';
import { poolDevices } from './forwardMode';
import { isRunTime, type ResolvedInterface, type StatusAttribute } from './resolvedInterface';

/*
 * What the interfaces of one domain do to each other when it starts: each allocates its port in
 * turn (networkAllocatePort), so an earlier interface holds its pool device while a later one is
 * given one. Modes with exclusive devices (passthrough, private with an 802.1Qbh virtualport,
 * hostdev) run out; the others share the least used device.
 */

/** Which network a port is allocated on: the definition's document and name. */
export function poolKey(uri: string, name: string): string {
  return `${uri}\n${name}`;
}

/**
 * The interfaces of one domain, each seeing the pool devices its predecessors on the same network
 * took. `earlier` counts the domain's interfaces before the first of `resolved`, by poolKey (a
 * slice of the interfaces is resolved at a time).
 */
export function withDomainPools(resolved: readonly ResolvedInterface[], earlier: ReadonlyMap<string, number> = new Map()): ResolvedInterface[] {
  const taken = new Map(earlier);
  return resolved.map((one) => {
    const pool = poolOf(one);
    if (!pool) return one;
    const key = poolKey(one.network?.uri ?? '', one.network?.network.name?.value ?? '');
    const before = taken.get(key) ?? 0;
    taken.set(key, before + 1);
    if (before === 0) return one;
    if (pool.exclusive && before >= pool.size) return exhausted(one);
    return pool.devices ? { ...one, source: one.source.map((a) => narrowed(a, pool.devices ?? [], before, pool.exclusive)) } : one;
  });
}

/** Whether an interface takes a device from its network's pool: what it is given depends on the domain's interfaces before it. */
export function takesPoolDevice(one: ResolvedInterface): boolean {
  return poolOf(one) !== undefined;
}

interface Pool {
  readonly exclusive: boolean;
  readonly size: number;
  /** The direct pool's devices, in libvirt's order; undefined for a hostdev pool. */
  readonly devices?: readonly string[];
}

/** The pool an interface takes a device from, when its size is known from the network's XML. */
function poolOf(one: ResolvedInterface): Pool | undefined {
  const forward = one.network?.network.forward;
  if (!forward || forward.pfs.length > 0) return undefined; // a PF's VFs are found at net-start
  if (one.type === 'hostdev') return { exclusive: true, size: forward.addresses.length };
  if (one.type !== 'direct') return undefined;
  const devices = one.network ? poolDevices(one.network.network) : [];
  if (devices.length === 0) return undefined;
  const exclusive = one.forwardMode === 'passthrough' || (one.forwardMode === 'private' && one.virtualPort?.type?.value === '802.1Qbh');
  return { exclusive, size: devices.length, devices };
}

/**
 * The devices left to this interface: without the ones earlier interfaces hold (exclusive), or
 * starting after them (least used: on a fresh host the next device is the least used one).
 */
function narrowed(attribute: StatusAttribute, devices: readonly string[], before: number, exclusive: boolean): StatusAttribute {
  if (attribute.name !== 'dev' || !isRunTime(attribute.value)) return attribute;
  const at = before % devices.length;
  const candidates = exclusive ? devices.slice(before) : [...devices.slice(at), ...devices.slice(0, at)];
  return { ...attribute, value: { runTime: true, candidates } };
}

/** networkAllocatePort's refusal when no exclusive device is left. */
function exhausted(one: ResolvedInterface): ResolvedInterface {
  const name = one.network?.network.name?.value ?? '';
  const findings = new FindingList(one.uri);
  const where = one.iface.source?.attributes.get('network')?.range ?? one.iface.element.nameRange;
  findings.add(
    where,
    'error',
    'device-pool-exhausted',
    `internal error: network '${name}' requires exclusive access to interfaces, but none are available (the domain's earlier interfaces on it take every device of its pool)`,
  );
  return { ...one, problems: [...one.problems, ...findings.items] };
}
