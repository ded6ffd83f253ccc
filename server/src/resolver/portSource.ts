import type { NetworkDefinition } from '../index/workspaceIndex';
import type { Forward, Ranged } from '../model/libvirtModel';
import { poolDevices, type Connection } from './forwardMode';
import { inNetwork, runTime, type ResolutionContext } from './resolutionContext';
import type { ResolvedInterface, ResolvedVirtualPort, StatusAttribute } from './resolvedInterface';

export interface PortSource {
  readonly source: readonly StatusAttribute[];
  /** hostdev only: the VF's PCI address, or a run-time value when the pool decides. */
  readonly hostdevAddress?: ResolvedInterface['hostdevAddress'];
}

/**
 * The `<source>` of the running interface: the device networkAllocatePort gives the port for the
 * connection, as virDomainNetDefFormat prints it for the actual type (a tap's bridge, a
 * macvtap's device and mode, a hostdev's PCI address only). Without a connection (a forward
 * mode libvirt does not know) only what the interface asked for.
 */
export function portSource(
  context: ResolutionContext,
  definition: NetworkDefinition,
  connection: Connection | undefined,
  virtualPort: ResolvedVirtualPort | undefined,
  networkName: Ranged,
): PortSource {
  const requested = requestedSource(context, networkName);
  switch (connection?.type) {
    case undefined:
      return { source: requested };
    case 'network':
    case 'bridge':
      return { source: [...requested, bridgeAttribute(context, definition, connection.type), ...macTableManagerAttribute(definition)] };
    case 'direct': {
      const { forward, directMode } = connection;
      const mode: StatusAttribute = { name: 'mode', value: directMode, from: inNetwork(definition, forward.mode?.range ?? forward.element) };
      return { source: [...requested, poolDeviceAttribute(context, definition, forward, directMode, virtualPort), mode] };
    }
    case 'hostdev':
      // A running hostdev interface shows only its PCI address.
      return { source: [], hostdevAddress: hostdevAddress(context, definition, connection.forward) };
  }
}

/** The network and portgroup the interface names, and the port libvirt creates for it. */
function requestedSource(context: ResolutionContext, networkName: Ranged): StatusAttribute[] {
  const source: StatusAttribute[] = [{ name: 'network', value: networkName.value, from: context.own(networkName.range) }];
  const chosenByName = context.iface.source?.attributes.get('portgroup');
  if (chosenByName) source.push({ name: 'portgroup', value: chosenByName.value, from: context.own(chosenByName.range) });
  source.push({ name: 'portid', value: runTime });
  return source;
}

function bridgeAttribute(context: ResolutionContext, definition: NetworkDefinition, type: 'network' | 'bridge'): StatusAttribute {
  const bridgeName = definition.network.bridge?.name;
  if (bridgeName) return { name: 'bridge', value: bridgeName.value, from: inNetwork(definition, bridgeName.range) };
  if (type === 'network') context.notes.push('The network names no bridge: libvirt picks a free virbrN when the network starts.');
  return { name: 'bridge', value: runTime };
}

/** libvirt prints any explicit setting (kernel too: only the unset default is left out). */
function macTableManagerAttribute(definition: NetworkDefinition): StatusAttribute[] {
  const macTableManager = definition.network.bridge?.element.attributes.find((a) => a.name === 'macTableManager');
  if ((macTableManager?.value === 'libvirt' || macTableManager?.value === 'kernel') && macTableManager.valueRange) {
    return [{ name: 'macTableManager', value: macTableManager.value, from: inNetwork(definition, macTableManager.valueRange) }];
  }
  return [];
}

/**
 * The macvtap's device: networkAllocatePort takes the least used device of the pool, or for
 * passthrough (and private with 802.1Qbh) the first unused one; one device needs no choice.
 */
function poolDeviceAttribute(
  context: ResolutionContext,
  definition: NetworkDefinition,
  forward: Forward,
  directMode: string,
  virtualPort: ResolvedVirtualPort | undefined,
): StatusAttribute {
  const devices = poolDevices(definition.network);
  if (devices.length === 0) return emptyPoolDevice(context, definition, forward);
  const exclusive = directMode === 'passthrough' || (directMode === 'private' && virtualPort?.type?.value === '802.1Qbh');
  const firstDevice = forward.interfaces.find((d) => d.dev?.value === devices[0]);
  if (devices.length === 1) {
    return { name: 'dev', value: devices[0], from: inNetwork(definition, firstDevice?.dev?.range ?? forward.element) };
  }
  context.notes.push(
    exclusive
      ? `libvirt gives this interface the first of ${devices.join(', ')} that no other interface uses (${devices[0]} when none is in use); with all in use, start fails.`
      : `libvirt gives this interface the least used of ${devices.join(', ')} (${devices[0]} when none is in use).`,
  );
  return { name: 'dev', value: { runTime: true, candidates: devices } };
}

/** A pool of SR-IOV physical functions is filled when the network starts; no pool at all is an error. */
function emptyPoolDevice(context: ResolutionContext, definition: NetworkDefinition, forward: Forward): StatusAttribute {
  if (forward.pfs.length > 0) {
    context.notes.push(`The device is one of the virtual functions of ${forward.pfs.map((p) => p.dev?.value).join(', ')}, found when the network starts.`);
    return { name: 'dev', value: runTime };
  }
  const { iface } = context;
  context.problem(
    iface.source?.attributes.get('network')?.range ?? iface.element,
    'error',
    'empty-device-pool',
    `internal error: network '${definition.network.name?.value ?? ''}' uses a direct mode, but has no forward dev and no interface pool`,
  );
  return { name: 'dev', value: runTime };
}

function hostdevAddress(context: ResolutionContext, definition: NetworkDefinition, forward: Forward): ResolvedInterface['hostdevAddress'] {
  const addresses = forward.addresses;
  if (addresses.length === 1) {
    const address = addresses[0];
    return ['type', 'domain', 'bus', 'slot', 'function']
      .map((name) => ({ name, value: address.attributes.get(name) }))
      .filter((a): a is { name: string; value: Ranged } => a.value !== undefined)
      .map((a) => ({ name: a.name, value: a.value.value, from: inNetwork(definition, a.value.range) }));
  }
  context.notes.push('The PCI address of the virtual function is chosen from the pool when the domain starts.');
  return runTime;
}
