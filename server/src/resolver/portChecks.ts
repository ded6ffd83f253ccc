import type { NetworkDefinition } from '../index/workspaceIndex';
import type { Bandwidth } from '../model/libvirtModel';
import { ipForwardingModes } from './forwardMode';
import type { PortSettings } from './inheritedSettings';
import type { Provenance, Sourced } from './provenance';
import type { ResolutionContext } from './resolutionContext';
import type { ActualType, ResolvedVirtualPort } from './resolvedInterface';

/** The checks libvirt makes on the allocated device when QEMU starts (virDomainActualNetDefValidate). */
export function checkAfterAllocation(
  context: ResolutionContext,
  type: ActualType,
  forwardMode: string,
  values: PortSettings & { readonly virtualPort?: ResolvedVirtualPort },
): void {
  const mac = context.macForMessages();
  const { vlan, bandwidth, virtualPort, portIsolated } = values;
  const vlanCapable =
    type === 'hostdev' || (type === 'direct' && forwardMode === 'passthrough') || (type === 'bridge' && virtualPort?.type?.value === 'openvswitch');
  if (vlan && !vlanCapable) {
    context.problemAt(vlan.from, 'error', 'vlan-unsupported', `unsupported configuration: interface ${mac} - vlan tag not supported for this connection type`);
  }
  if (bandwidth && type === 'hostdev') {
    context.problemAt(
      bandwidth.from,
      'error',
      'invalid-value',
      `unsupported configuration: interface ${mac} - bandwidth settings are not supported for hostdev interfaces`,
    );
  }
  if (portIsolated?.value === 'yes') {
    if (type !== 'network' && type !== 'bridge') {
      context.problemAt(
        portIsolated.from,
        'error',
        'invalid-value',
        `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with type='${type}'`,
      );
    } else if (virtualPort?.type) {
      context.problemAt(
        portIsolated.from,
        'error',
        'invalid-value',
        `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with virtualport type='${virtualPort.type.value}'`,
      );
    }
  }
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
