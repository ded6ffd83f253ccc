import { isUserFile, type UnreadableSource } from '../index/definitionOrigin';
import type { NetworkDefinition, WorkspaceIndex } from '../index/workspaceIndex';
import type { DomainInterface, Ranged } from '../model/libvirtModel';
import { actualTypeOf, forwardModeOf } from './forwardMode';
import { inheritedSettings, ownSettings } from './inheritedSettings';
import { ownTags, unionTags } from './interfaceTags';
import { checkVirtualPortComplete, checkVirtualPortType, mergedVirtualPort, ownVirtualPort } from './interfaceVirtualPort';
import { checkAfterAllocation, checkFloor } from './portChecks';
import { choosePortGroup } from './portGroupChoice';
import { resolvedModel, type DomainFacts } from './nicModel';
import { portSource } from './portSource';
import { didYouMean, ResolutionContext } from './resolutionContext';
import type { ResolvedInterface, StatusAttribute } from './resolvedInterface';

/**
 * What libvirt will make of one domain interface when the domain starts: the port it allocates
 * on the named network (networkAllocatePort) and the live `<interface>` it then reports. Values
 * carry where they came from; what only the running host can know stays a run-time value.
 */
export function resolveInterface(uri: string, iface: DomainInterface, index: WorkspaceIndex, domain?: DomainFacts): ResolvedInterface {
  const context = new ResolutionContext(uri, iface);
  const resolved = iface.type?.value === 'network' ? viaNetwork(context, index) : asConfigured(context);
  const model = resolvedModel(context, domain, resolved.type);
  return model ? { ...resolved, model, notes: [...context.notes] } : resolved;
}

/** Interfaces of any other type run as configured: libvirt resolves nothing for them. */
function asConfigured(context: ResolutionContext): ResolvedInterface {
  const { iface } = context;
  const portGroup = iface.source?.attributes.get('portgroup');
  // A type='network' interface lands here only when its network is unknown: its portgroup is not misplaced.
  if (portGroup && iface.type?.value !== 'network') {
    context.problem(
      portGroup.range,
      'warning',
      'portgroup-on-non-network-interface',
      `portgroup is only used on <interface type='network'>; libvirt ignores it on type '${iface.type?.value ?? ''}'`,
    );
  }
  const settings = ownSettings(context);
  return context.result({
    type: iface.type?.value ?? 'user',
    source: configuredSource(context),
    bandwidth: settings.bandwidth,
    vlan: settings.vlan,
    virtualPort: ownVirtualPort(context),
    trustGuestRxFilters: settings.trustGuestRxFilters,
    portIsolated: settings.portIsolated,
    tags: ownTags(context),
  });
}

/**
 * The `<source>` attributes virDomainNetDefFormat prints for a configured type: only those the
 * parser kept (a bridge's name; a macvtap's device and mode, vepa when none is given; a passt
 * user interface's device; nothing for ethernet), the others as written.
 */
function configuredSource(context: ResolutionContext): StatusAttribute[] {
  const { iface } = context;
  const attributes = iface.source?.attributes ?? new Map<string, Ranged>();
  const kept = keptSourceAttributes(iface);
  const source: StatusAttribute[] = [...attributes]
    .filter(([name]) => kept === undefined || kept.includes(name))
    .map(([name, value]) => ({ name, value: value.value, from: context.own(value.range) }));
  if (iface.type?.value === 'direct' && !attributes.has('mode')) source.push({ name: 'mode', value: 'vepa' });
  return source;
}

function keptSourceAttributes(iface: DomainInterface): readonly string[] | undefined {
  switch (iface.type?.value ?? 'user') {
    case 'bridge':
      return ['bridge'];
    case 'direct':
      return ['dev', 'mode'];
    case 'ethernet':
      return [];
    case 'user':
      return iface.otherChildren.some((c) => c.name === 'backend' && c.attributes.some((a) => a.name === 'type' && a.value === 'passt')) ? ['dev'] : [];
    default:
      return undefined;
  }
}

function viaNetwork(context: ResolutionContext, index: WorkspaceIndex): ResolvedInterface {
  const { iface } = context;
  const networkName = iface.source?.attributes.get('network');
  // virXMLPropStringRequired keeps an empty name; the start then finds no network called ''.
  if (!networkName) {
    context.problem(
      iface.source?.element ?? iface.element,
      'error',
      'missing-network-name',
      iface.source ? "XML error: Missing required attribute 'network' in element 'source'" : "XML error: interface type='network' requires a 'source' element",
    );
    return asConfiguredNetworkInterface(context);
  }
  const definitions = networkName.value === '' ? [] : index.networks(networkName.value);
  const definition = definitions[0];
  if (!definition && networkName.value !== '' && index.unreadableSources().length > 0) {
    context.problem(networkName.range, 'warning', 'network-not-checked', networkNotCheckedMessage(networkName.value, index.unreadableSources()));
    return asConfiguredNetworkInterface(context);
  }
  if (!definition) {
    const suggestions = index.closestNetworkNames(networkName.value);
    context.problem(
      networkName.range,
      'error',
      'unknown-network',
      `Network not found: no network with matching name '${networkName.value}'${didYouMean(suggestions)}`,
      suggestions,
    );
    return asConfiguredNetworkInterface(context);
  }
  reportCompetingDefinitions(context, definitions, networkName);
  return allocatePort(context, definition, networkName);
}

/**
 * The name is defined in more than one of the user's files: which one this interface uses is a
 * matter of precedence, not of libvirt (which knows one), so say it where the name is used too.
 */
function reportCompetingDefinitions(context: ResolutionContext, definitions: readonly NetworkDefinition[], networkName: Ranged): void {
  const [used, ...others] = definitions.filter((candidate) => isUserFile(candidate.origin));
  if (!used || others.length === 0) return;
  context.problemWithRelated(
    networkName.range,
    'warning',
    'duplicate-network',
    `network '${networkName.value}' is defined in ${others.length + 1} files: this interface uses the first by precedence (open documents, then workspace folders, then libvirtXml.networkPaths, then by path)`,
    [used, ...others].map((candidate, i) => ({
      uri: candidate.uri,
      range: candidate.network.name?.range ?? candidate.network.element.nameRange,
      message: i === 0 ? 'used by this interface' : 'also defined here, not used',
    })),
  );
}

/**
 * No file defines the network, and a connection that might could not be read: saying "not found"
 * would be a guess, so the finding says what could not be checked and why.
 */
function networkNotCheckedMessage(name: string, sources: readonly UnreadableSource[]): string {
  const why = sources.map((source) => `${source.name}: ${source.reason}`).join('; ');
  return `Network '${name}' could not be checked: no file here defines it, and ${sources.length === 1 ? 'a libvirt connection' : 'libvirt connections'} could not be read (${why})`;
}

/** The network is unknown: show the interface as written, nothing resolved. */
function asConfiguredNetworkInterface(context: ResolutionContext): ResolvedInterface {
  const configured = asConfigured(context);
  context.notes.push('The network is not known, so nothing is resolved: this is the interface as written.');
  return { ...configured, notes: [...context.notes] };
}

/**
 * networkAllocatePort, step by step, in libvirt's order: the portgroup, the inherited settings,
 * the virtualport merge, then the device for the network's forward mode and the checks on it.
 */
function allocatePort(context: ResolutionContext, definition: NetworkDefinition, networkName: Ranged): ResolvedInterface {
  const network = definition.network;
  const portGroup = choosePortGroup(context, definition);
  const settings = inheritedSettings(context, definition, portGroup);
  const virtualPort = mergedVirtualPort(context, definition, portGroup);
  const forwardMode = forwardModeOf(network);
  const connection = actualTypeOf(network);
  let virtualPortTypeAccepted = false;
  if (!connection) {
    context.problem(networkName.range, 'error', 'invalid-value', `network '${network.name?.value}' has unknown forward mode '${forwardMode}'`);
  } else {
    virtualPortTypeAccepted = checkVirtualPortType(context, connection.type, network, virtualPort);
  }
  const { source, hostdevAddress } = portSource(context, definition, connection, virtualPort, networkName);
  if (connection) checkAfterAllocation(context, connection.type, forwardMode, { ...settings, virtualPort });
  checkFloor(context, forwardMode, definition, settings.bandwidth);
  // libvirt checks completeness last, so only a virtualport that got past the type check.
  if (virtualPortTypeAccepted) checkVirtualPortComplete(context, virtualPort);

  const hostdev = connection?.type === 'hostdev';
  return context.result({
    network: definition,
    portGroup,
    forwardMode,
    type: connection?.type ?? 'network',
    source,
    hostdevAddress,
    managed: hostdev ? network.forward?.managed?.value.toLowerCase() === 'yes' : undefined,
    hostdevDriver: hostdev ? (network.forward?.driverName?.value ?? 'vfio') : undefined,
    bandwidth: settings.bandwidth,
    vlan: settings.vlan,
    virtualPort: connection?.type === 'network' ? undefined : virtualPort,
    trustGuestRxFilters: settings.trustGuestRxFilters,
    portIsolated: settings.portIsolated,
    tags: unionTags(context, definition, portGroup),
  });
}
