import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ModelledFile } from '../model/modelledFile';
import type { DomainInterface } from '../model/libvirtModel';
import { poolKey, withDomainPools } from './domainPools';
import type { ResolvedInterface } from './resolvedInterface';
import { resolveInterface } from './resolveInterface';

/** The resolved status of every interface of a domain document (none for other documents). */
export function resolveDocument(document: ModelledFile, index: WorkspaceIndex): ResolvedInterface[] {
  const object = document.object;
  if (object?.kind !== 'domain') return [];
  return withDomainPools(object.interfaces.map((iface) => resolveInterface(document.uri, iface, index, object)));
}

/**
 * The resolved status of the domain's interfaces from `from` to `to` (exclusive), by position,
 * with what the interfaces before `from` hold of the networks' device pools. Who resolves every
 * interface slice after slice passes `portsTaken` (see countPorts), so that the interfaces
 * before are not counted again for each slice (quadratic on 30,000 interfaces).
 */
export function resolveInterfaces(
  document: ModelledFile,
  index: WorkspaceIndex,
  from: number,
  to: number,
  portsTaken?: ReadonlyMap<string, number>,
): ResolvedInterface[] {
  const object = document.object;
  if (object?.kind !== 'domain') return [];
  const resolved = object.interfaces.slice(from, to).map((iface) => resolveInterface(document.uri, iface, index, object));
  return withDomainPools(resolved, portsTaken ?? countPorts(object.interfaces.slice(0, from), index));
}

/**
 * How many of these interfaces take a port on each network (by poolKey), without resolving them,
 * added to `counts`.
 */
export function countPorts(interfaces: readonly DomainInterface[], index: WorkspaceIndex, counts = new Map<string, number>()): Map<string, number> {
  // One lookup per network name (index.networks ranks every definition): a domain names a few networks, many times.
  const keys = new Map<string, string | undefined>();
  for (const iface of interfaces) {
    const name = iface.type?.value === 'network' ? iface.source?.attributes.get('network')?.value : undefined;
    if (name === undefined) continue;
    let key = keys.get(name);
    if (!keys.has(name)) {
      const definition = index.networks(name)[0];
      key = definition && poolKey(definition.uri, definition.network.name?.value ?? '');
      keys.set(name, key);
    }
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
