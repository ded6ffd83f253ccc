import type { NetworkDefinition } from '../index/workspaceIndex';
import { virtualPortParameterNames, type DomainInterface, type Network, type VirtualPortParameterName } from '../model/libvirtModel';
import { allowedVirtualPortTypes, connectionDescription } from './forwardMode';
import { runTime, type ResolutionContext } from './resolutionContext';
import type { ActualType, ChosenPortGroup, ResolvedVirtualPort } from './resolvedInterface';
import { mergeVirtualPorts } from './virtualPortMerge';

/** Interface types that take a virtualport; their missing ids are generated when the domain is defined. */
const virtualPortInterfaceTypes: ReadonlySet<string> = new Set<ActualType>(['network', 'bridge', 'direct', 'hostdev']);

/** What virNetDevVPortProfileCheckComplete requires per type, in its order. */
const requiredParameters: Readonly<Record<string, readonly VirtualPortParameterName[]>> = {
  '802.1Qbg': ['managerid', 'typeid', 'typeidversion', 'instanceid'],
  '802.1Qbh': ['profileid'],
  openvswitch: ['interfaceid'],
  midonet: ['interfaceid'],
};

/**
 * networkAllocatePort merges the interface's, the network's and the portgroup's virtualport
 * (virNetDevVPortProfileMerge3) and then generates the identifier the type needs; a conflict
 * is the port's error.
 */
export function mergedVirtualPort(
  context: ResolutionContext,
  definition: NetworkDefinition,
  portGroup: ChosenPortGroup | undefined,
): ResolvedVirtualPort | undefined {
  const { iface, uri } = context;
  const network = definition.network;
  const merged = mergeVirtualPorts([
    { level: 'interface', uri, virtualPort: iface.virtualPort, generated: generatedAtDefine(iface) },
    { level: 'network', uri: definition.uri, ownerName: network.name?.value, virtualPort: network.virtualPort },
    { level: 'portgroup', uri: definition.uri, ownerName: portGroup?.group.name?.value, virtualPort: portGroup?.group.virtualPort },
  ]);
  if (merged.ok) return withGeneratedIdentifiers(merged.virtualPort);
  context.problemAt(merged.at, 'error', 'virtualport-conflict', `XML error: ${merged.message}`);
  return undefined;
}

/** The virtualport of an interface libvirt resolves nothing for: its own, with the ids generated at define. */
export function ownVirtualPort(context: ResolutionContext): ResolvedVirtualPort | undefined {
  const { iface } = context;
  const generated = virtualPortInterfaceTypes.has(iface.type?.value ?? '') ? generatedAtDefine(iface) : undefined;
  const merged = mergeVirtualPorts([{ level: 'interface', uri: context.uri, virtualPort: iface.virtualPort, generated }]);
  return merged.ok ? merged.virtualPort : undefined;
}

/** Whether the merged virtualport (if any) suits the connection (networkAllocatePort); reports it when not. */
export function checkVirtualPortType(context: ResolutionContext, type: ActualType, network: Network, virtualPort: ResolvedVirtualPort | undefined): boolean {
  if (!virtualPort) return true;
  const typeName = virtualPort.type?.value ?? 'none';
  if (allowedVirtualPortTypes(type).includes(typeName)) return true;
  const { iface } = context;
  context.problem(
    iface.virtualPort?.element ?? iface.source?.element ?? iface.element,
    'error',
    'virtualport-type-unsupported',
    `unsupported configuration: <virtualport type='${typeName}'> not supported for network '${network.name?.value ?? ''}' which ${connectionDescription(type)}`,
  );
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
export function checkVirtualPortComplete(context: ResolutionContext, virtualPort: ResolvedVirtualPort | undefined): void {
  const type = virtualPort?.type;
  if (!virtualPort || !type) return;
  const present = new Set(virtualPort.parameters.map((p) => p.name));
  const missing = (requiredParameters[type.value] ?? []).find((name) => !present.has(name));
  if (missing) context.problemAt(type.from, 'error', 'virtualport-incomplete', `XML error: missing ${missing} in <virtualport type='${type.value}'>`);
}

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
