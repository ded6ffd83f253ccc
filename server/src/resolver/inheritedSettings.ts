import type { NetworkDefinition } from '../index/workspaceIndex';
import type { Bandwidth, BandwidthDirection, PortGroup, Vlan } from '../model/libvirtModel';
import type { Provenance, Sourced } from './provenance';
import { inNetwork, inPortGroup, sourced, type ResolutionContext } from './resolutionContext';
import type { ChosenPortGroup } from './resolvedInterface';

/** The settings of a port: each from one level (interface, portgroup or network). */
export interface PortSettings {
  readonly bandwidth?: Sourced<Bandwidth>;
  readonly vlan?: Sourced<Vlan>;
  readonly trustGuestRxFilters?: Sourced<string>;
  readonly portIsolated?: Sourced<string>;
}

/**
 * networkAllocatePort: each setting comes from the interface, else from the portgroup it gets,
 * else from the network. Bandwidth has no network level (a network's own `<bandwidth>` is the
 * QoS of the whole network, never copied into a port) and `<port isolated>` no portgroup level.
 */
export function inheritedSettings(context: ResolutionContext, definition: NetworkDefinition, portGroup: ChosenPortGroup | undefined): PortSettings {
  const own = ownSettings(context);
  const group = portGroup ? portGroupSettings(definition, portGroup.group) : {};
  const network = networkSettings(definition);
  return {
    bandwidth: withNonZeroRate(own.bandwidth) ?? group.bandwidth,
    vlan: own.vlan ?? group.vlan ?? network.vlan,
    trustGuestRxFilters: own.trustGuestRxFilters ?? group.trustGuestRxFilters ?? network.trustGuestRxFilters,
    portIsolated: own.portIsolated ?? network.portIsolated,
  };
}

/** The interface's own settings: all an interface gets when libvirt resolves nothing for it. */
export function ownSettings(context: ResolutionContext): PortSettings {
  const { iface } = context;
  return {
    bandwidth: withRates(iface.bandwidth, (bandwidth) => context.own(bandwidth.element)),
    vlan: withTags(iface.vlan, (vlan) => context.own(vlan.element)),
    trustGuestRxFilters: context.ownValue(iface.trustGuestRxFilters),
    portIsolated: context.ownValue(iface.portIsolated),
  };
}

function portGroupSettings(definition: NetworkDefinition, group: PortGroup): PortSettings {
  return {
    bandwidth: withRates(group.bandwidth, (bandwidth) => inPortGroup(definition, group, bandwidth.element)),
    vlan: withTags(group.vlan, (vlan) => inPortGroup(definition, group, vlan.element)),
    trustGuestRxFilters: sourced(group.trustGuestRxFilters, (range) => inPortGroup(definition, group, range)),
  };
}

function networkSettings(definition: NetworkDefinition): PortSettings {
  const { network } = definition;
  return {
    vlan: withTags(network.vlan, (vlan) => inNetwork(definition, vlan.element)),
    trustGuestRxFilters: sourced(network.trustGuestRxFilters, (range) => inNetwork(definition, range)),
    portIsolated: sourced(network.portIsolated, (range) => inNetwork(definition, range)),
  };
}

/** A bandwidth counts only with an inbound or outbound rate. */
function withRates(bandwidth: Bandwidth | undefined, from: (bandwidth: Bandwidth) => Provenance): Sourced<Bandwidth> | undefined {
  if (!bandwidth || (bandwidth.inbound === undefined && bandwidth.outbound === undefined)) return undefined;
  return { value: bandwidth, from: from(bandwidth) };
}

/**
 * The interface's bandwidth as the network driver receives it: the domain formats the port for
 * it (virNetDevBandwidthRateFormat writes a direction only with a non-zero average or floor), and
 * the driver's parser takes a `<bandwidth>` without directions for none. So rates of 0 are no
 * bandwidth, and the portgroup's applies instead (networkAllocatePort copies it when none).
 */
function withNonZeroRate(bandwidth: Sourced<Bandwidth> | undefined): Sourced<Bandwidth> | undefined {
  const { inbound, outbound } = bandwidth?.value ?? {};
  return hasRate(inbound) || hasRate(outbound) ? bandwidth : undefined;
}

function hasRate(direction: BandwidthDirection | undefined): boolean {
  const nonZero = (value: string | undefined) => value !== undefined && /^\s*\+?\d+$/.test(value) && BigInt(value.trim().replace('+', '')) > 0n;
  return direction !== undefined && (nonZero(direction.average?.value) || nonZero(direction.floor?.value));
}

/** A vlan counts only with a tag. */
function withTags(vlan: Vlan | undefined, from: (vlan: Vlan) => Provenance): Sourced<Vlan> | undefined {
  return vlan && vlan.tags.length > 0 ? { value: vlan, from: from(vlan) } : undefined;
}
