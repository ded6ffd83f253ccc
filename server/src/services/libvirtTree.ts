import type { ConnectionNode, DomainNode, DomainRunState, InterfaceNode, NetworkNode, PortgroupNode } from '../../../protocol/src/libvirtTree';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Network } from '../model/libvirtModel';
import type { ModelledFile } from '../model/modelledFile';
import { forwardModeOf } from '../resolver/forwardMode';
import { hostObjectNode, sortedByName, type HostObjectInput } from './hostObjectInput';
import { filterNodes, poolNodes, type FilterInput, type PoolInput } from './libvirtStorageTree';
import { toLspRange } from './lspRanges';
import { getResolvedStatus } from './status';

/** A connection as the edge knows it: everything the view shows but what the index answers. */
export type ConnectionInput = Omit<ConnectionNode, 'networks' | 'domains' | 'pools' | 'filters'> & {
  readonly networks: readonly HostObjectInput[];
  readonly domains: readonly HostObjectInput[];
  /** None when not given (not read). */
  readonly pools?: readonly PoolInput[];
  readonly filters?: readonly FilterInput[];
};

/**
 * The Libvirt view's tree: each connection's networks (forward mode, bridge, portgroups and how
 * many of the connection's interfaces get each), domains (each interface with its network,
 * portgroup and the problems the resolver finds), pools with their volumes, and network filters, from the documents the index holds under
 * their `libvirt:` URIs. Sorted by name, as `virsh list` does.
 */
export function buildLibvirtTree(connections: readonly ConnectionInput[], index: WorkspaceIndex): ConnectionNode[] {
  return connections.map((connection) => {
    const domains = sortedByName(connection.domains).map((object) => domainNode(object, index));
    const networks = sortedByName(connection.networks).map((object) => networkNode(object, index, domains));
    const domainUris = connection.domains.map((domain) => domain.uri);
    const pools = poolNodes(connection.pools ?? [], domainUris, index);
    const filters = filterNodes(connection.filters ?? [], domainUris, index);
    return { ...connection, networks, domains, pools, filters };
  });
}

function networkNode(object: HostObjectInput, index: WorkspaceIndex, domains: readonly DomainNode[]): NetworkNode {
  const base = hostObjectNode(object);
  const document = index.get(object.uri);
  const network = document?.object?.kind === 'network' ? document.object : undefined;
  if (!document || !network) return { ...base, forwardMode: '', portgroups: [] };
  return {
    ...base,
    forwardMode: forwardModeOf(network),
    bridge: network.bridge?.name?.value ?? network.forward?.dev?.value,
    portgroups: portgroupNodes(document, network, domains),
  };
}

/**
 * Each portgroup with the interfaces that get it, as networkAllocatePort chooses: those naming
 * it, and, for the default portgroup, those on the network that name none.
 */
function portgroupNodes(document: ModelledFile, network: Network, domains: readonly DomainNode[]): PortgroupNode[] {
  const networkName = network.name?.value;
  return network.portGroups.flatMap((group) => {
    const name = group.name?.value;
    if (name === undefined) return [];
    const isDefault = group.isDefault?.value.toLowerCase() === 'yes';
    const users = domains.flatMap((domain) =>
      domain.interfaces.filter((iface) => iface.network === networkName && usesPortgroup(iface, name, isDefault)).map(() => domain.name),
    );
    return [
      {
        name,
        isDefault,
        usedBy: users.length,
        usedByDomains: [...new Set(users)].sort(),
        range: toLspRange(document.lines, { start: group.element.start, end: group.element.end }),
      },
    ];
  });
}

function usesPortgroup(iface: InterfaceNode, name: string, isDefault: boolean): boolean {
  const named = iface.portgroupHow === 'named' || iface.portgroupHow === 'unknown' ? iface.portgroup : undefined;
  return named === undefined ? isDefault : named === name;
}

function domainNode(object: HostObjectInput, index: WorkspaceIndex): DomainNode {
  const base = { name: object.name, uri: object.uri, uuid: object.uuid, autostart: object.autostart, persistent: object.persistent };
  const state = domainRunState(object.runState);
  const document = index.get(object.uri);
  if (document?.object?.kind !== 'domain') return { ...base, state, interfaces: [] };
  const written = document.object.interfaces;
  const interfaces = getResolvedStatus(document, index).interfaces.map((status): InterfaceNode => ({
    index: status.index,
    range: status.range,
    type: written[status.index]?.type?.value,
    mac: status.mac,
    network: status.network,
    portgroup: status.portgroup,
    portgroupHow: status.portgroupHow,
    problems: status.problems.map((problem) => ({
      severity: problem.severity ?? 1,
      message: typeof problem.message === 'string' ? problem.message : problem.message.value,
      code: problem.code === undefined ? undefined : String(problem.code),
    })),
  }));
  return { ...base, state, interfaces };
}

function domainRunState(runState: string): DomainRunState {
  return runState === 'running' || runState === 'paused' || runState === 'shut off' ? runState : 'other';
}
