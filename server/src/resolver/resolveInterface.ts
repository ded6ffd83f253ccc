import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { NetworkDefinition, WorkspaceIndex } from '../index/workspaceIndex';
import { virtualPortParameterNames, type Bandwidth, type DomainInterface, type Network, type Ranged, type VirtualPortParameterName, type Vlan } from '../model/libvirtModel';
import type { TextRange, XmlElement } from '../parser/xmlTree';
import { closestNames } from '../util/closestNames';
import { parseMacAddress } from '../util/macAddress';
import { actualTypeOf, allowedVirtualPortTypes, connectionDescription, forwardModeOf, poolDevices } from './forwardMode';
import type {
  ActualType,
  ChosenPortGroup,
  ResolvedInterface,
  ResolvedVirtualPort,
  RunTimeValue,
  StatusAttribute,
} from './resolvedInterface';
import type { Level, Provenance, Sourced } from './provenance';
import { mergeVirtualPorts } from './virtualPortMerge';

const runTime: RunTimeValue = { runTime: true };

/**
 * What libvirt will make of one domain interface when the domain starts: the port it allocates
 * on the named network (networkAllocatePort) and the live `<interface>` it then reports. Values
 * carry where they came from; what only the running host can know stays a run-time value.
 */
export function resolveInterface(uri: string, iface: DomainInterface, index: WorkspaceIndex): ResolvedInterface {
  const resolution = new Resolution(uri, iface);
  return iface.type?.value === 'network' ? resolution.viaNetwork(index) : resolution.asConfigured();
}

class Resolution {
  private readonly problems: FindingList;
  private readonly notes: string[] = [];

  constructor(
    private readonly uri: string,
    private readonly iface: DomainInterface,
  ) {
    this.problems = new FindingList(uri);
  }

  /** Interfaces of any other type run as configured: libvirt resolves nothing for them. */
  asConfigured(): ResolvedInterface {
    const { iface } = this;
    const portGroup = iface.source?.attributes.get('portgroup');
    // A type='network' interface lands here only when its network is unknown: its portgroup is not misplaced.
    if (portGroup && iface.type?.value !== 'network') {
      this.problem(portGroup.range, 'warning', 'portgroup-on-non-network-interface',
        `portgroup is only used on <interface type='network'>; libvirt ignores it on type '${iface.type?.value ?? ''}'`);
    }
    return this.result({
      type: iface.type?.value,
      source: [...(iface.source?.attributes ?? [])].map(([name, value]) => ({ name, value: value.value, from: this.own(value.range) })),
      bandwidth: hasRates(iface.bandwidth) ? { value: iface.bandwidth!, from: this.own(iface.bandwidth!.element) } : undefined,
      vlan: hasTags(iface.vlan) ? { value: iface.vlan!, from: this.own(iface.vlan!.element) } : undefined,
      virtualPort: this.ownVirtualPort(),
      trustGuestRxFilters: this.ownValue(iface.trustGuestRxFilters),
      portIsolated: this.ownValue(iface.portIsolated),
      tags: this.ownTags(),
    });
  }

  viaNetwork(index: WorkspaceIndex): ResolvedInterface {
    const { iface } = this;
    const networkName = iface.source?.attributes.get('network');
    const unresolved = () => this.asConfiguredNetworkInterface();
    if (!networkName || networkName.value === '') {
      this.problem(iface.source?.element ?? iface.element, 'error', 'missing-network-name',
        iface.source ? "XML error: Missing required attribute 'network' in element 'source'" : "XML error: interface type='network' requires a 'source' element");
      return unresolved();
    }
    const definition = index.network(networkName.value);
    if (!definition) {
      const suggestions = index.closestNetworkNames(networkName.value);
      this.problem(networkName.range, 'error', 'unknown-network',
        `Network not found: no network with matching name '${networkName.value}'${didYouMean(suggestions)}`, suggestions);
      return unresolved();
    }
    return this.allocatePort(definition, networkName);
  }

  /** The network is unknown: show the interface as written, nothing resolved. */
  private asConfiguredNetworkInterface(): ResolvedInterface {
    const configured = this.asConfigured();
    this.notes.push('The network is not known, so nothing is resolved: this is the interface as written.');
    return { ...configured, notes: [...this.notes] };
  }

  /** networkAllocatePort, step by step, in libvirt's order. */
  private allocatePort(definition: NetworkDefinition, networkName: Ranged): ResolvedInterface {
    const { iface } = this;
    const network = definition.network;
    const portGroup = this.choosePortGroup(definition);
    const level = (lvl: Level, range: TextRange | XmlElement): Provenance => this.at(definition, portGroup, lvl, range);

    const bandwidth = hasRates(iface.bandwidth)
      ? { value: iface.bandwidth!, from: this.own(iface.bandwidth!.element) }
      : portGroup && hasRates(portGroup.group.bandwidth)
        ? { value: portGroup.group.bandwidth!, from: level('portgroup', portGroup.group.bandwidth!.element) }
        : undefined;

    const vlan = firstVlan([
      [iface.vlan, (v) => this.own(v.element)],
      [portGroup?.group.vlan, (v) => level('portgroup', v.element)],
      [network.vlan, (v) => level('network', v.element)],
    ]);

    const trustGuestRxFilters =
      this.ownValue(iface.trustGuestRxFilters) ??
      sourced(portGroup?.group.trustGuestRxFilters, (r) => level('portgroup', r)) ??
      sourced(network.trustGuestRxFilters, (r) => level('network', r));

    const portIsolated = this.ownValue(iface.portIsolated) ?? sourced(network.portIsolated, (r) => level('network', r));

    const merged = mergeVirtualPorts([
      { level: 'interface', uri: this.uri, virtualPort: iface.virtualPort, generated: generatedAtDefine(iface) },
      { level: 'network', uri: definition.uri, ownerName: network.name?.value, virtualPort: network.virtualPort },
      { level: 'portgroup', uri: definition.uri, ownerName: portGroup?.group.name?.value, virtualPort: portGroup?.group.virtualPort },
    ]);
    let virtualPort: ResolvedVirtualPort | undefined;
    if (merged.ok) virtualPort = withGeneratedIdentifiers(merged.virtualPort);
    else this.problemAt(merged.at, 'error', 'virtualport-conflict', `XML error: ${merged.message}`);

    const forwardMode = forwardModeOf(network);
    const actual = actualTypeOf(network);
    const source: StatusAttribute[] = [
      { name: 'network', value: networkName.value, from: this.own(networkName.range) },
    ];
    const chosenByName = iface.source?.attributes.get('portgroup');
    if (chosenByName) source.push({ name: 'portgroup', value: chosenByName.value, from: this.own(chosenByName.range) });
    source.push({ name: 'portid', value: runTime });

    let hostdevAddress: ResolvedInterface['hostdevAddress'];
    let virtualPortTypeAccepted = false;
    if (!actual) {
      this.problem(networkName.range, 'error', 'invalid-value', `network '${network.name?.value}' has unknown forward mode '${forwardMode}'`);
    } else {
      virtualPortTypeAccepted = this.checkVirtualPortType(actual.type, network, virtualPort);
      if (actual.type === 'network' || actual.type === 'bridge') {
        source.push(this.bridgeAttribute(definition, actual.type));
        const macTableManager = network.bridge?.element.attributes.find((a) => a.name === 'macTableManager');
        // libvirt prints any explicit setting (kernel too: only the unset default is left out).
        if ((macTableManager?.value === 'libvirt' || macTableManager?.value === 'kernel') && macTableManager.valueRange) {
          source.push({ name: 'macTableManager', value: macTableManager.value, from: level('network', macTableManager.valueRange) });
        }
      } else if (actual.type === 'direct') {
        source.push(this.poolDeviceAttribute(definition, forwardMode, virtualPort));
        source.push({ name: 'mode', value: actual.directMode!, from: level('network', network.forward?.mode?.range ?? network.forward!.element) });
      } else {
        hostdevAddress = this.hostdevAddress(definition);
        source.length = 0; // a running hostdev interface shows only its PCI address
      }
      this.checkAfterAllocation(actual.type, forwardMode, { bandwidth, vlan, virtualPort, portIsolated });
    }
    this.checkFloor(forwardMode, definition, bandwidth);
    // libvirt checks completeness last, so only a virtualport that got past the type check.
    if (virtualPortTypeAccepted) this.checkVirtualPortComplete(virtualPort);

    return this.result({
      network: definition,
      portGroup,
      forwardMode,
      type: actual?.type ?? 'network',
      source,
      hostdevAddress,
      managed: actual?.type === 'hostdev' ? network.forward?.managed?.value.toLowerCase() === 'yes' : undefined,
      hostdevDriver: actual?.type === 'hostdev' ? (network.forward?.driverName?.value ?? 'vfio') : undefined,
      bandwidth,
      vlan,
      virtualPort: actual?.type === 'network' ? undefined : virtualPort,
      trustGuestRxFilters,
      portIsolated,
      tags: this.unionTags(definition, portGroup),
    });
  }

  private choosePortGroup(definition: NetworkDefinition): ChosenPortGroup | undefined {
    const groups = definition.network.portGroups;
    const named = this.iface.source?.attributes.get('portgroup');
    if (named) {
      const group = groups.find((g) => g.name?.value === named.value);
      if (group) return { group, how: 'named' };
      const networkName = definition.network.name?.value ?? '';
      const names = groups.map((g) => g.name?.value).filter((n): n is string => !!n);
      const suggestions = closestNames(named.value, names);
      this.problem(named.range, 'error', 'unknown-portgroup',
        `network '${networkName}' has no portgroup '${named.value}'; libvirt silently ignores it, so no portgroup settings ` +
          `(bandwidth, vlan, virtualport) apply to this interface${didYouMean(suggestions)}`,
        suggestions);
      this.notes.push(`Portgroup '${named.value}' does not exist: libvirt applies no portgroup, not even the default one.`);
      return undefined;
    }
    // libvirt reads default='yes' case-insensitively (STRCASEEQ).
    const fallback = groups.find((g) => g.isDefault?.value.toLowerCase() === 'yes');
    if (fallback) {
      this.notes.push(`No portgroup named: the network's default portgroup '${fallback.name?.value ?? ''}' applies (libvirt does not show its name).`);
      return { group: fallback, how: 'default' };
    }
    return undefined;
  }

  private bridgeAttribute(definition: NetworkDefinition, type: ActualType): StatusAttribute {
    const bridgeName = definition.network.bridge?.name;
    if (bridgeName) return { name: 'bridge', value: bridgeName.value, from: this.at(definition, undefined, 'network', bridgeName.range) };
    if (type === 'network') this.notes.push('The network names no bridge: libvirt picks a free virbrN when the network starts.');
    return { name: 'bridge', value: runTime };
  }

  private poolDeviceAttribute(definition: NetworkDefinition, forwardMode: string, virtualPort: ResolvedVirtualPort | undefined): StatusAttribute {
    const network = definition.network;
    const devices = poolDevices(network);
    const forward = network.forward!;
    if (devices.length === 0) {
      if (forward.pfs.length > 0) {
        this.notes.push(`The device is one of the virtual functions of ${forward.pfs.map((p) => p.dev?.value).join(', ')}, found when the network starts.`);
        return { name: 'dev', value: runTime };
      }
      this.problem(this.iface.source?.attributes.get('network')?.range ?? this.iface.element, 'error', 'empty-device-pool',
        `internal error: network '${network.name?.value ?? ''}' uses a direct mode, but has no forward dev and no interface pool`);
      return { name: 'dev', value: runTime };
    }
    const exclusive = forwardMode === 'passthrough' || (forwardMode === 'private' && virtualPort?.type?.value === '802.1Qbh');
    const firstDevice = forward.interfaces.find((d) => d.dev?.value === devices[0]);
    if (devices.length === 1) {
      return { name: 'dev', value: devices[0], from: this.at(definition, undefined, 'network', firstDevice?.dev?.range ?? forward.element) };
    }
    this.notes.push(
      exclusive
        ? `libvirt gives this interface the first of ${devices.join(', ')} that no other interface uses (${devices[0]} when none is in use); with all in use, start fails.`
        : `libvirt gives this interface the least used of ${devices.join(', ')} (${devices[0]} when none is in use).`,
    );
    return { name: 'dev', value: { runTime: true, candidates: devices } };
  }

  private hostdevAddress(definition: NetworkDefinition): ResolvedInterface['hostdevAddress'] {
    const forward = definition.network.forward!;
    const addresses = forward.addresses;
    if (addresses.length === 1) {
      const address = addresses[0];
      return ['type', 'domain', 'bus', 'slot', 'function']
        .map((name) => ({ name, value: address.attributes.get(name) }))
        .filter((a): a is { name: string; value: Ranged } => a.value !== undefined)
        .map((a) => ({ name: a.name, value: a.value.value, from: this.at(definition, undefined, 'network', a.value.range) }));
    }
    this.notes.push('The PCI address of the virtual function is chosen from the pool when the domain starts.');
    return runTime;
  }

  /** Whether the merged virtualport (if any) suits the connection; reports it when not. */
  private checkVirtualPortType(type: ActualType, network: Network, virtualPort: ResolvedVirtualPort | undefined): boolean {
    if (!virtualPort) return true;
    const typeName = virtualPort.type?.value ?? 'none';
    if (allowedVirtualPortTypes(type).includes(typeName)) return true;
    this.problem(this.iface.virtualPort?.element ?? this.iface.source?.element ?? this.iface.element, 'error', 'virtualport-type-unsupported',
      `unsupported configuration: <virtualport type='${typeName}'> not supported for network '${network.name?.value ?? ''}' which ${connectionDescription(type)}`);
    return false;
  }

  /**
   * The merged virtualport must be complete for its type: networkAllocatePort ends with
   * virNetDevVPortProfileCheckComplete(profile, generateMissing=true), which fills in the ids it
   * may generate (already run-time values here) and refuses the first missing one. Found by the
   * oracle: a network's half 802.1Qbg profile whose other half sits in a portgroup the interface
   * does not get (misspelled or no default) fails at port creation with
   * "XML error: missing typeidversion in <virtualport type='802.1Qbg'>".
   */
  private checkVirtualPortComplete(virtualPort: ResolvedVirtualPort | undefined): void {
    const type = virtualPort?.type;
    if (!virtualPort || !type) return;
    const present = new Set(virtualPort.parameters.map((p) => p.name));
    const missing = (requiredParameters[type.value] ?? []).find((name) => !present.has(name));
    if (missing) this.problemAt(type.from, 'error', 'virtualport-incomplete', `XML error: missing ${missing} in <virtualport type='${type.value}'>`);
  }

  /** The checks libvirt makes on the allocated device when QEMU starts (virDomainActualNetDefValidate). */
  private checkAfterAllocation(
    type: ActualType,
    forwardMode: string,
    values: { bandwidth?: Sourced<Bandwidth>; vlan?: Sourced<Vlan>; virtualPort?: ResolvedVirtualPort; portIsolated?: Sourced<string> },
  ): void {
    const mac = this.macForMessages();
    const { vlan, bandwidth, virtualPort, portIsolated } = values;
    const vlanCapable =
      type === 'hostdev' ||
      (type === 'direct' && forwardMode === 'passthrough') ||
      (type === 'bridge' && virtualPort?.type?.value === 'openvswitch');
    if (vlan && !vlanCapable) {
      this.problemAt(vlan.from, 'error', 'vlan-unsupported', `unsupported configuration: interface ${mac} - vlan tag not supported for this connection type`);
    }
    if (bandwidth && type === 'hostdev') {
      this.problemAt(bandwidth.from, 'error', 'invalid-value', `unsupported configuration: interface ${mac} - bandwidth settings are not supported for hostdev interfaces`);
    }
    if (portIsolated?.value === 'yes') {
      if (type !== 'network' && type !== 'bridge') {
        this.problemAt(portIsolated.from, 'error', 'invalid-value',
          `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with type='${type}'`);
      } else if (virtualPort?.type) {
        this.problemAt(portIsolated.from, 'error', 'invalid-value',
          `unsupported configuration: interface ${mac} - <port isolated='yes'/> is not supported for network interfaces with virtualport type='${virtualPort.type.value}'`);
      }
    }
  }

  /** networkCheckBandwidth: a floor needs a network that routes through its own bridge and has inbound QoS. */
  private checkFloor(forwardMode: string, definition: NetworkDefinition, bandwidth: Sourced<Bandwidth> | undefined): void {
    const floor = bandwidth?.value.inbound?.floor;
    if (!bandwidth || !floor || Number(floor.value) === 0) return;
    const floorFrom: Provenance = { ...bandwidth.from, range: floor.range };
    if (!['none', 'nat', 'route', 'open'].includes(forwardMode)) {
      this.problemAt(floorFrom, 'error', 'floor-unsupported-for-interface',
        `Operation not supported: Invalid use of 'floor' on interface with MAC address ${this.macForMessages()} - 'floor' is only supported for interface type 'network' with forward type 'nat', 'route', 'open' or none`);
      return;
    }
    const networkInbound = definition.network.bandwidth?.inbound;
    if (!networkInbound) {
      this.problemAt(floorFrom, 'error', 'floor-needs-network-inbound',
        `Operation not supported: Invalid use of 'floor' on interface with MAC address ${this.macForMessages()} - network '${definition.network.name?.value ?? ''}' has no inbound QoS set`);
    }
  }

  private unionTags(definition: NetworkDefinition, portGroup: ChosenPortGroup | undefined): Sourced<string>[] {
    const seen = new Set<string>();
    const tags: Sourced<string>[] = [];
    const add = (name: Ranged | undefined, from: Provenance) => {
      if (!name || seen.has(name.value)) return;
      seen.add(name.value);
      tags.push({ value: name.value, from });
    };
    for (const tag of this.iface.tags) add(tag.name, this.own(tag.element));
    for (const tag of definition.network.tags) add(tag.name, this.at(definition, portGroup, 'network', tag.element));
    for (const tag of portGroup?.group.tags ?? []) add(tag.name, this.at(definition, portGroup, 'portgroup', tag.element));
    return tags;
  }

  private ownTags(): Sourced<string>[] {
    const seen = new Set<string>();
    return this.iface.tags
      .filter((tag) => tag.name && !seen.has(tag.name.value) && seen.add(tag.name.value))
      .map((tag) => ({ value: tag.name!.value, from: this.own(tag.element) }));
  }

  private ownVirtualPort(): ResolvedVirtualPort | undefined {
    // Interfaces that accept a virtualport get its missing ids generated when the domain is defined.
    const generated = ['network', 'bridge', 'direct', 'hostdev'].includes(this.iface.type?.value ?? '') ? generatedAtDefine(this.iface) : undefined;
    const merged = mergeVirtualPorts([{ level: 'interface', uri: this.uri, virtualPort: this.iface.virtualPort, generated }]);
    return merged.ok ? merged.virtualPort : undefined;
  }

  private ownValue(value: Ranged | undefined): Sourced<string> | undefined {
    return value && { value: value.value, from: this.own(value.range) };
  }

  private own(range: TextRange | XmlElement): Provenance {
    return { uri: this.uri, range: toRange(range), level: 'interface' };
  }

  private at(definition: NetworkDefinition, portGroup: ChosenPortGroup | undefined, level: Level, range: TextRange | XmlElement): Provenance {
    const ownerName = level === 'portgroup' ? portGroup?.group.name?.value : definition.network.name?.value;
    return { uri: definition.uri, range: toRange(range), level, ownerName };
  }

  private macForMessages(): string {
    const mac = this.iface.mac?.value;
    return mac === undefined ? '(generated MAC)' : (parseMacAddress(mac) ?? mac);
  }

  private problem(where: TextRange | XmlElement, severity: Finding['severity'], code: Finding['code'], message: string, suggestions?: string[]): void {
    const range = 'nameRange' in where ? where.nameRange : where;
    this.problems.add(range, severity, code, message, undefined, suggestions);
  }

  /** A problem caused by a value that may live in the network file: reported on the interface, pointing there. */
  private problemAt(from: Provenance, severity: Finding['severity'], code: Finding['code'], message: string): void {
    if (from.uri === this.uri) {
      this.problems.add(from.range, severity, code, message);
      return;
    }
    const owner = from.level === 'portgroup' ? `portgroup '${from.ownerName ?? ''}'` : `network '${from.ownerName ?? ''}'`;
    this.problems.add(this.iface.source?.element.nameRange ?? this.iface.element.nameRange, severity, code, `${message} (the value comes from ${owner})`, [
      { uri: from.uri, range: from.range, message: `set here, in ${owner}` },
    ]);
  }

  private result(fields: Omit<ResolvedInterface, 'uri' | 'iface' | 'notes' | 'problems'>): ResolvedInterface {
    return { uri: this.uri, iface: this.iface, ...fields, notes: [...this.notes], problems: [...this.problems.items] };
  }
}

/** What virNetDevVPortProfileCheckComplete requires per type, in its order. */
const requiredParameters: Readonly<Record<string, readonly VirtualPortParameterName[]>> = {
  '802.1Qbg': ['managerid', 'typeid', 'typeidversion', 'instanceid'],
  '802.1Qbh': ['profileid'],
  openvswitch: ['interfaceid'],
  midonet: ['interfaceid'],
};

/**
 * A domain interface of type network gets its missing ids generated when the domain is defined:
 * instanceid for an untyped or 802.1Qbg virtualport, interfaceid for an untyped or openvswitch one.
 */
function generatedAtDefine(iface: DomainInterface): VirtualPortParameterName[] {
  const type = iface.virtualPort?.type?.value;
  if (!iface.virtualPort) return [];
  const generated: VirtualPortParameterName[] = [];
  if (type === undefined || type === '802.1Qbg') generated.push('instanceid');
  if (type === undefined || type === 'openvswitch') generated.push('interfaceid');
  return generated;
}

/** libvirt generates the identifier a virtualport type needs when none is given (virNetDevVPortProfileCheckComplete). */
function withGeneratedIdentifiers(virtualPort: ResolvedVirtualPort | undefined): ResolvedVirtualPort | undefined {
  const type = virtualPort?.type?.value;
  const generated: VirtualPortParameterName | undefined = type === 'openvswitch' ? 'interfaceid' : type === '802.1Qbg' ? 'instanceid' : undefined;
  if (!virtualPort || !generated || virtualPort.parameters.some((p) => p.name === generated)) return virtualPort;
  const parameters: Array<ResolvedVirtualPort['parameters'][number]> = [...virtualPort.parameters, { name: generated, value: runTime }];
  parameters.sort((a, b) => virtualPortParameterNames.indexOf(a.name) - virtualPortParameterNames.indexOf(b.name));
  return { ...virtualPort, parameters };
}

function toRange(value: TextRange | XmlElement): TextRange {
  return 'nameRange' in value ? { start: value.start, end: value.end } : value;
}

function hasRates(bandwidth: Bandwidth | undefined): boolean {
  return !!bandwidth && (bandwidth.inbound !== undefined || bandwidth.outbound !== undefined);
}

function hasTags(vlan: Vlan | undefined): boolean {
  return !!vlan && vlan.tags.length > 0;
}

function firstVlan(levels: Array<[Vlan | undefined, (vlan: Vlan) => Provenance]>): Sourced<Vlan> | undefined {
  for (const [vlan, from] of levels) if (vlan && hasTags(vlan)) return { value: vlan, from: from(vlan) };
  return undefined;
}

function sourced(value: Ranged | undefined, from: (range: TextRange) => Provenance): Sourced<string> | undefined {
  return value && { value: value.value, from: from(value.range) };
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` (did you mean '${suggestions[0]}'?)` : '';
}

