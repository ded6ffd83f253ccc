import type { NetworkDefinition } from '../index/workspaceIndex';
import type { Bandwidth } from '../model/libvirtModel';
import { ipForwardingModes } from './forwardMode';
import type { PortSettings } from './inheritedSettings';
import type { Provenance, Sourced } from './provenance';
import type { ResolutionContext } from './resolutionContext';
import type { ActualType, ResolvedVirtualPort } from './resolvedInterface';

/**
 * Whether a connection can carry a vlan (virDomainActualNetDefValidate): an SR-IOV VF, a macvtap
 * in passthrough mode, or an Open vSwitch bridge.
 */
export function vlanCapable(type: string, directMode: string | undefined, virtualPortType: string | undefined): boolean {
  return type === 'hostdev' || (type === 'direct' && directMode === 'passthrough') || (type === 'bridge' && virtualPortType === 'openvswitch');
}

/** virDomainActualNetDefValidate's message for a vlan the connection cannot carry. */
export function vlanUnsupportedMessage(mac: string): string {
  return `unsupported configuration: interface ${mac} - vlan tag not supported for this connection type`;
}

/**
 * virDomainNetDefValidatePortOptions: port isolation needs a Linux host bridge (a libvirt network
 * or type='bridge') without a virtualport type. The message, or undefined when it is allowed.
 */
export function portIsolationProblem(mac: string, type: string, virtualPortType: string | undefined): string | undefined {
  const prefix = `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with`;
  if (type !== 'network' && type !== 'bridge') return `${prefix} type='${type}'`;
  if (virtualPortType !== undefined && virtualPortType !== 'none') return `${prefix} virtualport type='${virtualPortType}'`;
  return undefined;
}

/** The checks libvirt makes on the allocated device when QEMU starts (virDomainActualNetDefValidate). */
export function checkAfterAllocation(
  context: ResolutionContext,
  type: ActualType,
  forwardMode: string,
  values: PortSettings & { readonly virtualPort?: ResolvedVirtualPort },
): void {
  const mac = context.macForMessages();
  const { vlan, bandwidth, virtualPort, portIsolated } = values;
  if (vlan && !vlanCapable(type, forwardMode, virtualPort?.type?.value)) {
    context.problemAt(vlan.from, 'error', 'vlan-unsupported', vlanUnsupportedMessage(mac));
  }
  if (bandwidth && type === 'hostdev') {
    context.problemAt(
      bandwidth.from,
      'error',
      'invalid-value',
      `unsupported configuration: interface ${mac} - bandwidth settings are not supported for hostdev interfaces`,
    );
  }
  const isolation = portIsolated?.value === 'yes' ? portIsolationProblem(mac, type, virtualPort?.type?.value) : undefined;
  if (portIsolated && isolation) context.problemAt(portIsolated.from, 'error', 'port-isolated-unsupported', isolation);
}

/** networkCheckBandwidth: a floor needs a network that routes through its own bridge and has inbound QoS. */
export function checkFloor(context: ResolutionContext, forwardMode: string, definition: NetworkDefinition, bandwidth: Sourced<Bandwidth> | undefined): void {
  const floor = bandwidth?.value.inbound?.floor;
  if (!bandwidth || !floor || Number(floor.value) === 0) return;
  const floorFrom: Provenance = { ...bandwidth.from, range: floor.range };
  if (!ipForwardingModes.has(forwardMode)) {
    context.problemAt(
      floorFrom,
      'error',
      'floor-unsupported-for-interface',
      `Operation not supported: Invalid use of 'floor' on interface with MAC address ${context.macForMessages()} - 'floor' is only supported for interface type 'network' with forward type 'nat', 'route', 'open' or none`,
    );
    return;
  }
  const networkInbound = definition.network.bandwidth?.inbound;
  if (!networkInbound) {
    context.problemAt(
      floorFrom,
      'error',
      'floor-needs-network-inbound',
      `Operation not supported: Invalid use of 'floor' on interface with MAC address ${context.macForMessages()} - network '${definition.network.name?.value ?? ''}' has no inbound QoS set`,
    );
  }
}
