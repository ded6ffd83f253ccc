import { virtualPortParameterNames, type VirtualPort, type VirtualPortParameterName } from '../model/libvirtModel';
import type { ValueLevel } from '../../../protocol/src/messages';
import type { Provenance } from './provenance';
import type { ResolvedVirtualPort, StatusValue } from './resolvedInterface';

export interface VirtualPortLayer {
  readonly level: ValueLevel;
  readonly uri: string;
  readonly ownerName?: string;
  readonly virtualPort: VirtualPort | undefined;
  /** Parameters libvirt generates for this layer when it is parsed (a domain interface's ids). */
  readonly generated?: readonly VirtualPortParameterName[];
}

export type VirtualPortMergeResult =
  { readonly ok: true; readonly virtualPort: ResolvedVirtualPort | undefined } | { readonly ok: false; readonly message: string; readonly at: Provenance };

/** The parameters each virtualport type has (virNetDevVPortProfileMerge); an untyped one takes all. */
const parametersOfType: Readonly<Record<string, readonly VirtualPortParameterName[]>> = {
  '802.1Qbg': ['managerid', 'typeid', 'typeidversion', 'instanceid'],
  '802.1Qbh': ['profileid'],
  openvswitch: ['interfaceid', 'profileid'],
  midonet: [],
};

export function parameterAllowed(type: string | undefined, name: VirtualPortParameterName): boolean {
  if (type === undefined) return true;
  return Object.prototype.hasOwnProperty.call(parametersOfType, type) && parametersOfType[type].includes(name);
}

const quotedParameters: ReadonlySet<string> = new Set(['instanceid', 'interfaceid', 'profileid']);

/** A layer that has a virtualport. */
type WrittenLayer = VirtualPortLayer & { readonly virtualPort: VirtualPort };

interface MergedParameter {
  readonly value: StatusValue;
  readonly from?: Provenance;
}

/**
 * virNetDevVPortProfileMerge3: starts from the interface's virtualport and merges the network's,
 * then the portgroup's into it. The first typed layer fixes the type; a parameter is taken from
 * a later layer only when the type so far has it; any disagreement is an error, never an
 * override. With no typed layer at all, libvirt keeps the interface's own virtualport.
 */
export function mergeVirtualPorts(layers: readonly VirtualPortLayer[]): VirtualPortMergeResult {
  const present = layers.flatMap((layer): WrittenLayer[] => (layer.virtualPort ? [{ ...layer, virtualPort: layer.virtualPort }] : []));
  if (present.length === 0) return { ok: true, virtualPort: undefined };
  if (!present.some((layer) => layer.virtualPort.type)) {
    const own = present.find((layer) => layer.level === 'interface');
    return { ok: true, virtualPort: own && untypedInterfacePort(own) };
  }

  let type: { value: string; from: Provenance } | undefined;
  const parameters = new Map<VirtualPortParameterName, MergedParameter>();
  for (const layer of present) {
    const written = layer.virtualPort;
    if (written.type) {
      const from = provenance(layer, written.type.range);
      if (!type) type = { value: written.type.value, from };
      else if (type.value !== written.type.value) {
        return { ok: false, message: `attempt to merge virtualports with mismatched types (${type.value} and ${written.type.value})`, at: from };
      }
    }
    // The interface's own parameters are all kept (the formatter hides those its type lacks).
    const considered = layer.level === 'interface' ? virtualPortParameterNames : virtualPortParameterNames.filter((n) => parameterAllowed(type?.value, n));
    for (const name of considered) {
      const value = layerParameter(layer, name);
      if (!value) continue;
      const already = parameters.get(name);
      if (!already) {
        parameters.set(name, value);
      } else if (conflicts(name, already.value, value.value)) {
        // An id generated for the interface at define time is random: it never equals a written one.
        const shown = (v: StatusValue) => (typeof v === 'string' ? v : '(generated)');
        const q = quotedParameters.has(name) ? "'" : '';
        return {
          ok: false,
          message: `attempt to merge virtualports with mismatched ${name}s (${q}${shown(already.value)}${q} and ${q}${shown(value.value)}${q})`,
          at: value.from ?? provenance(layer, written.element.nameRange),
        };
      }
    }
  }
  return { ok: true, virtualPort: { type, parameters: ordered(parameters, type?.value) } };
}

function untypedInterfacePort(layer: WrittenLayer): ResolvedVirtualPort {
  const parameters = new Map<VirtualPortParameterName, MergedParameter>();
  for (const name of virtualPortParameterNames) {
    const value = layerParameter(layer, name);
    if (value) parameters.set(name, value);
  }
  return { type: undefined, parameters: ordered(parameters, undefined) };
}

function layerParameter(layer: WrittenLayer, name: VirtualPortParameterName): MergedParameter | undefined {
  const written = layer.virtualPort.parameters[name];
  if (written) return { value: written.value, from: provenance(layer, written.range) };
  if (layer.generated?.includes(name)) return { value: { runTime: true } };
  return undefined;
}

/**
 * Whether virNetDevVPortProfileFormat prints a parameter for a type: as the merge allows, and a
 * midonet port's interfaceid too (the merge never takes one, but a midonet port has one).
 */
function parameterFormatted(type: string | undefined, name: VirtualPortParameterName): boolean {
  return parameterAllowed(type, name) || (type === 'midonet' && name === 'interfaceid');
}

/** Parameters in libvirt's order, only those the final type has (virNetDevVPortProfileFormat). */
function ordered(parameters: Map<VirtualPortParameterName, MergedParameter>, type: string | undefined): ResolvedVirtualPort['parameters'] {
  return virtualPortParameterNames.flatMap((name) => {
    const parameter = parameters.get(name);
    return parameter && parameterFormatted(type, name) ? [{ name, ...parameter }] : [];
  });
}

/** UUID-valued parameters compare without regard to case, as libvirt compares parsed UUIDs. */
function conflicts(name: string, a: StatusValue, b: StatusValue): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return true;
  if (name === 'instanceid' || name === 'interfaceid') return a.toLowerCase() !== b.toLowerCase();
  return a !== b;
}

function provenance(layer: VirtualPortLayer, range: Provenance['range']): Provenance {
  return { uri: layer.uri, range, level: layer.level, ownerName: layer.ownerName };
}
