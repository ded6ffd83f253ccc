import type { Ranged } from '../model/libvirtModel';
import { findChildren } from '../parser/xmlQueries';
import { parseXml } from '../parser/xmlParser';
import type { TextRange, XmlElement } from '../parser/xmlTree';
import type { Provenance } from '../resolver/provenance';
import type { ResolvedInterface } from '../resolver/resolvedInterface';

/** A span of the status XML, its provenance key (see protocol.ts) and where its value came from. */
export interface ProvenanceSpan {
  readonly key: string;
  readonly range: TextRange;
  readonly from: Provenance;
}

/**
 * Maps the status XML written by formatStatusXml back to where each value came from, by reading
 * that XML again with the core's parser and pairing its elements with the resolver's output
 * (the formatter writes them in a known order, so the pairing needs no positions from it).
 */
export function statusXmlSpans(statusXml: string, resolved: ResolvedInterface, typeFrom: Provenance | undefined): ProvenanceSpan[] {
  const root = parseXml(statusXml).roots[0];
  if (!root) return [];
  const spans: ProvenanceSpan[] = [];
  const add = (key: string, range: TextRange | undefined, from: Provenance | undefined) => {
    if (range && from) spans.push({ key, range, from });
  };
  const own = (value: Ranged | undefined): Provenance | undefined => value && { uri: resolved.uri, range: value.range, level: 'interface' };
  const valueOf = (element: XmlElement, name: string) => element.attributes.find((a) => a.name === name)?.valueRange;
  const { iface } = resolved;

  add('type', valueOf(root, 'type'), typeFrom);
  add('trustGuestRxFilters', valueOf(root, 'trustGuestRxFilters'), own(iface.trustGuestRxFilters));
  const seen = new Map<string, number>();
  for (const child of root.children) {
    const occurrence = seen.get(child.name) ?? 0;
    seen.set(child.name, occurrence + 1);
    switch (child.name) {
      case 'mac':
        add('mac.address', valueOf(child, 'address'), own(iface.mac));
        break;
      case 'source':
        for (const attribute of resolved.source) add(`source.${attribute.name}`, valueOf(child, attribute.name), attribute.from);
        if (Array.isArray(resolved.hostdevAddress)) {
          const address = child.children.find((c) => c.name === 'address');
          for (const attribute of resolved.hostdevAddress) add(`source.address.${attribute.name}`, address && valueOf(address, attribute.name), attribute.from);
        }
        break;
      case 'vlan':
        if (resolved.vlan) {
          const { from, value } = resolved.vlan;
          add('vlan', child.nameRange, from);
          findChildren(child, 'tag').forEach((tag, i) => {
            const written = value.tags[i];
            add(`vlan.0.tag.${i}.id`, valueOf(tag, 'id'), written?.id && { ...from, range: written.id.range });
            add(`vlan.0.tag.${i}.nativeMode`, valueOf(tag, 'nativeMode'), written?.nativeMode && { ...from, range: written.nativeMode.range });
          });
        }
        break;
      case 'virtualport':
        if (resolved.virtualPort) {
          add('virtualport.type', valueOf(child, 'type'), resolved.virtualPort.type?.from);
          const parameters = child.children.find((c) => c.name === 'parameters');
          for (const p of resolved.virtualPort.parameters) add(`virtualport.parameters.${p.name}`, parameters && valueOf(parameters, p.name), p.from);
        }
        break;
      case 'bandwidth':
        if (resolved.bandwidth) {
          const { from, value } = resolved.bandwidth;
          add('bandwidth', child.nameRange, from);
          for (const direction of child.children) {
            const written = direction.name === 'inbound' ? value.inbound : direction.name === 'outbound' ? value.outbound : undefined;
            for (const key of ['average', 'peak', 'burst', 'floor'] as const) {
              const source = written?.[key];
              add(`bandwidth.${direction.name}.${key}`, valueOf(direction, key), source && { ...from, range: source.range });
            }
          }
        }
        break;
      case 'port':
        add('port.isolated', valueOf(child, 'isolated'), resolved.portIsolated?.from);
        break;
      case 'tag': {
        const tag = resolved.tags[occurrence];
        if (tag) add(`tag.${tag.value}`, valueOf(child, 'name'), tag.from);
        break;
      }
      default: {
        // A child copied as written: its name links to the interface's own element.
        const written = iface.element.children.filter((c) => c.name === child.name)[occurrence];
        const key = occurrence === 0 ? child.name : `${child.name}.${occurrence}`;
        add(key, child.nameRange, written && { uri: resolved.uri, range: { start: written.start, end: written.end }, level: 'interface' });
      }
    }
  }
  return spans;
}
