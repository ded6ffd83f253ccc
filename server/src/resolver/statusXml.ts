import type { Bandwidth, BandwidthDirection, Ranged, Vlan } from '../model/libvirtModel';
import type { XmlElement } from '../parser/xmlTree';
import { parseMacAddress } from '../util/macAddress';
import { XmlWriter, type AttributeList, type SpanRequest, type WrittenXml } from '../util/xmlWriter';
import type { Provenance } from './provenance';
import { isRunTime, type ResolvedInterface, type ResolvedVirtualPort, type StatusValue } from './resolvedInterface';

/** How a value only the running host knows is written in status XML. */
export const runTimePlaceholder = '…';

/**
 * Children of a live `<interface>` after the resolved part, in the order libvirt formats them
 * (virDomainNetDefFormat); anything else keeps its place after these.
 */
const liveChildOrder = [
  'ip',
  'route',
  'portForward',
  'script',
  'downscript',
  'backenddomain',
  'target',
  'guest',
  'model',
  'driver',
  'backend',
  'filterref',
  'tune',
  'teaming',
  'link',
  'mtu',
  'coalesce',
  'boot',
  'alias',
  'master',
  'rom',
  'acpi',
  'address',
];

/** Children whose live form the resolver decides; the configured ones are not copied. */
const resolvedChildren = new Set(['mac', 'source', 'vlan', 'virtualport', 'bandwidth', 'port', 'tag', 'actual']);

/** A copied element deeper than this is elided: status XML is for reading, not a deep copy of junk. */
const maxCopyDepth = 32;

/** Status XML and its spans: each value's key (see `InterfaceStatus.provenance`) and where it came from. */
export type StatusXml = WrittenXml<Provenance>;
type Writer = XmlWriter<Provenance>;
type Links = SpanRequest<Provenance>[];

/**
 * The `<interface>` libvirt will report for the running domain (`virsh dumpxml`), written in
 * libvirt's own style. Run-time values are written as `…`. The RFC's `<tag>` elements follow
 * the port settings; libvirt itself has no such element.
 */
export function formatStatusXml(resolved: ResolvedInterface, indent = 0): string {
  return writeStatusXml(resolved, indent).text;
}

/** The status XML with a span for each value, linked to where the value was written. */
export function writeStatusXml(resolved: ResolvedInterface, indent = 0): StatusXml {
  const writer: Writer = new XmlWriter<Provenance>(indent);
  const copied = new CopiedChildren(resolved);
  const { iface } = resolved;
  // A configured hostdev interface keeps its own managed='yes' and <driver> (see writeSource).
  const configuredHostdev = !resolved.network && resolved.type === 'hostdev';
  writeInterfaceStart(writer, resolved, configuredHostdev);
  // libvirt prints the parsed address: lower-case, two digits per group.
  writer.empty(
    'mac',
    [['address', iface.mac ? (parseMacAddress(iface.mac.value) ?? iface.mac.value) : runTimePlaceholder], ...macOptions(iface.element)],
    linked('mac.address', 'address', own(resolved, iface.mac)),
  );
  writeSource(writer, resolved, configuredHostdev, copied);
  if (resolved.vlan) writeVlan(writer, resolved.vlan.value, resolved.vlan.from);
  if (resolved.virtualPort) writeVirtualPort(writer, resolved.virtualPort);
  if (resolved.bandwidth) writeBandwidth(writer, resolved.bandwidth.value, resolved.bandwidth.from);
  if (resolved.portIsolated) writer.empty('port', [['isolated', resolved.portIsolated.value]], linked('port.isolated', 'isolated', resolved.portIsolated.from));
  for (const tag of resolved.tags) writer.empty('tag', [['name', tag.value]], linked(`tag.${tag.value}`, 'name', tag.from));
  writeOtherChildren(writer, resolved, configuredHostdev, copied);
  writer.close('interface');
  return writer.written();
}

/** The `<mac>` attributes libvirt prints after the address: type and check, as written. */
function macOptions(element: XmlElement): Array<[string, string]> {
  const mac = element.children.find((child) => child.name === 'mac');
  return ['type', 'check'].flatMap((name): Array<[string, string]> => {
    const value = mac?.attributes.find((a) => a.name === name)?.value;
    return value ? [[name, value]] : [];
  });
}

/** virDomainNetDefFormat's start tag: the running type, managed, the interface's own trustGuestRxFilters. */
function writeInterfaceStart(writer: Writer, resolved: ResolvedInterface, configuredHostdev: boolean): void {
  const { iface } = resolved;
  const attributes: Array<[string, string]> = [['type', resolved.type ?? '']];
  // libvirt never prints managed='no'.
  const ownManaged = configuredHostdev && iface.element.attributes.some((a) => a.name === 'managed' && a.value?.toLowerCase() === 'yes');
  if (resolved.managed || ownManaged) attributes.push(['managed', 'yes']);
  // libvirt prints the interface's own trustGuestRxFilters here, not the inherited one.
  if (iface.trustGuestRxFilters) attributes.push(['trustGuestRxFilters', iface.trustGuestRxFilters.value]);
  writer.open('interface', attributes, [
    ...linked('type', 'type', typeProvenance(resolved)),
    ...linked('trustGuestRxFilters', 'trustGuestRxFilters', own(resolved, iface.trustGuestRxFilters)),
  ]);
}

/** The `<source>` (and a hostdev's `<driver>` before it, as libvirt formats hostdevs). */
function writeSource(writer: Writer, resolved: ResolvedInterface, configuredHostdev: boolean, copied: CopiedChildren): void {
  const { iface } = resolved;
  const sourceLinks = resolved.source.flatMap((a) => linked(`source.${a.name}`, a.name, a.from));
  if (configuredHostdev)
    for (const driver of iface.element.children.filter((c) => c.name === 'driver')) copyElement(writer, driver, 0, copied.linkOf('driver'));
  if (resolved.type === 'hostdev' && resolved.network) {
    writer.empty('driver', [['name', resolved.hostdevDriver ?? 'vfio']], copied.linkOf('driver'));
    writer.open('source', [], sourceLinks);
    const address = resolved.hostdevAddress;
    if (address !== undefined && !isRunTime(address)) {
      const addressLinks = address.flatMap((a) => linked(`source.address.${a.name}`, a.name, a.from));
      writer.empty('address', withPciType(address.map((a) => [a.name, text(a.value)])), addressLinks);
    } else {
      writer.empty('address', [
        ['type', 'pci'],
        ['domain', runTimePlaceholder],
      ]);
    }
    writer.close('source');
  } else if (!resolved.network && iface.source && iface.source.element.children.length > 0) {
    // A configured source with content (a hostdev's PCI address, a udp tunnel's <local>) is shown as written.
    copyElement(writer, iface.source.element, 0, sourceLinks);
  } else if (resolved.source.length > 0) {
    writer.empty(
      'source',
      resolved.source.map((a) => [a.name, text(a.value)]),
      sourceLinks,
    );
  }
}

/**
 * The children libvirt formats after the port settings, in virDomainNetDefFormat's order: those
 * copied as written and the run-time `<target>` and `<alias>` (target before `<model>`, alias
 * before `<address>`); anything libvirt does not know keeps its place after these.
 */
function writeOtherChildren(writer: Writer, resolved: ResolvedInterface, configuredHostdev: boolean, copied: CopiedChildren): void {
  const rest = resolved.iface.element.children.filter(
    (child) =>
      !resolvedChildren.has(child.name) &&
      !(configuredHostdev && child.name === 'driver') &&
      !(child.name === 'model' && resolved.model) &&
      !formatsAsAbsent(child),
  );
  const present = new Set(rest.map((child) => child.name));
  const entries: Array<{ order: number; write: () => void }> = rest.map((child) => ({
    order: orderOf(child.name),
    write: () => copyElement(writer, child, 0, copied.linkOf(child.name)),
  }));
  const model = resolved.model;
  if (model) entries.push({ order: orderOf('model'), write: () => writer.empty('model', [['type', model.value]], linked('model', undefined, model.from)) });
  // A user interface has no host device: libvirt names no target for it.
  if (!present.has('target') && resolved.type !== 'hostdev' && resolved.type !== 'user') {
    entries.push({ order: orderOf('target'), write: () => writer.empty('target', [['dev', runTimePlaceholder]], copied.linkOf('target')) });
  }
  if (!present.has('alias'))
    entries.push({ order: orderOf('alias'), write: () => writer.empty('alias', [['name', runTimePlaceholder]], copied.linkOf('alias')) });
  entries.sort((a, b) => a.order - b.order);
  for (const entry of entries) entry.write();
}

/**
 * Elements libvirt reads into a value that says "not set" and then does not format
 * (virDomainNetDefFormat): `<link>` without state up or down (an empty state is absent), `<mtu>`
 * without a size above 0 (virXPathUInt reads an empty one as absent).
 */
function formatsAsAbsent(child: XmlElement): boolean {
  const value = (name: string) => child.attributes.find((a) => a.name === name)?.value;
  if (child.name === 'link') return value('state') !== 'up' && value('state') !== 'down';
  if (child.name === 'mtu') return !/^\s*\+?\d+$/.test(value('size') ?? '') || Number(value('size')) === 0;
  return false;
}

/**
 * Links for the children of `<interface>` the resolver does not decide (copied as written, or
 * run-time placeholders): the Nth one of a name links its name to the interface's own Nth child
 * of that name, keyed by the name (and `.N` after the first).
 */
class CopiedChildren {
  private readonly seen = new Map<string, number>();

  constructor(private readonly resolved: ResolvedInterface) {}

  linkOf(name: string): Links {
    const occurrence = this.seen.get(name) ?? 0;
    this.seen.set(name, occurrence + 1);
    const written = this.resolved.iface.element.children.filter((c) => c.name === name)[occurrence];
    if (!written) return [];
    const key = occurrence === 0 ? name : `${name}.${occurrence}`;
    return [{ key, data: { uri: this.resolved.uri, range: { start: written.start, end: written.end }, level: 'interface' } }];
  }
}

/** The running type comes from the network's forward mode when the interface resolves through one. */
function typeProvenance(resolved: ResolvedInterface): Provenance | undefined {
  const definition = resolved.network;
  if (!definition) return own(resolved, resolved.iface.type);
  const { network } = definition;
  const forward = network.forward;
  const range = forward?.mode?.range ?? forward?.element.nameRange ?? network.name?.range ?? network.element.nameRange;
  return { uri: definition.uri, range, level: 'network', ownerName: network.name?.value };
}

function own(resolved: ResolvedInterface, value: Ranged | undefined): Provenance | undefined {
  return value && { uri: resolved.uri, range: value.range, level: 'interface' };
}

/** A span on an attribute's value (or, without an attribute, on the element's name), when its origin is known. */
function linked(key: string, attribute: string | undefined, from: Provenance | undefined): Links {
  return from ? [{ key, attribute, data: from }] : [];
}

function orderOf(name: string): number {
  const at = liveChildOrder.indexOf(name);
  return at < 0 ? liveChildOrder.length : at;
}

function text(value: StatusValue): string {
  return isRunTime(value) ? runTimePlaceholder : value;
}

function withPciType(attributes: Array<[string, string]>): Array<[string, string]> {
  return attributes.some(([name]) => name === 'type') ? attributes : [['type', 'pci'], ...attributes];
}

/** virNetDevVlanFormat: trunk when asked for or when there are several tags. */
export function writeVlan(writer: Writer, vlan: Vlan, from?: Provenance): void {
  const trunk = vlan.trunk?.value.toLowerCase() === 'yes' || vlan.tags.length > 1;
  writer.open('vlan', trunk ? [['trunk', 'yes']] : [], linked('vlan', undefined, from));
  vlan.tags.forEach((tag, i) => {
    const attributes: Array<[string, string]> = [['id', numeric(tag.id?.value ?? '')]];
    if (tag.nativeMode) attributes.push(['nativeMode', tag.nativeMode.value]);
    writer.empty('tag', attributes, [
      ...linked(`vlan.0.tag.${i}.id`, 'id', from && tag.id && { ...from, range: tag.id.range }),
      ...linked(`vlan.0.tag.${i}.nativeMode`, 'nativeMode', from && tag.nativeMode && { ...from, range: tag.nativeMode.range }),
    ]);
  });
  writer.close('vlan');
}

/** virNetDevVPortProfileFormat. */
export function writeVirtualPort(writer: Writer, virtualPort: ResolvedVirtualPort): void {
  const typeAttribute: AttributeList = virtualPort.type ? [['type', virtualPort.type.value]] : [];
  const typeLink = linked('virtualport.type', 'type', virtualPort.type?.from);
  // virNetDevVPortProfileFormat prints nothing for a type-less profile without parameters.
  if (!virtualPort.type && virtualPort.parameters.length === 0) return;
  if (virtualPort.parameters.length === 0) {
    writer.empty('virtualport', typeAttribute, typeLink);
    return;
  }
  writer.open('virtualport', typeAttribute, typeLink);
  writer.empty(
    'parameters',
    virtualPort.parameters.map((p) => [p.name, text(p.value)]),
    virtualPort.parameters.flatMap((p) => linked(`virtualport.parameters.${p.name}`, p.name, p.from)),
  );
  writer.close('virtualport');
}

/** virNetDevBandwidthFormat: average, peak, floor, burst; zero values are left out. */
export function writeBandwidth(writer: Writer, bandwidth: Bandwidth, from?: Provenance): void {
  writer.open('bandwidth', [], linked('bandwidth', undefined, from));
  writeRates(writer, 'inbound', bandwidth.inbound, from);
  writeRates(writer, 'outbound', bandwidth.outbound, from);
  writer.close('bandwidth');
}

function writeRates(writer: Writer, name: string, direction: BandwidthDirection | undefined, from: Provenance | undefined): void {
  if (!direction) return;
  const attributes: Array<[string, string]> = [];
  for (const key of ['average', 'peak', 'floor', 'burst'] as const) {
    const value = direction[key]?.value;
    if (value !== undefined && numeric(value) !== '0') attributes.push([key, numeric(value)]);
  }
  // The links keep the order the status panel has always listed them in (burst before floor).
  const links = (['average', 'peak', 'burst', 'floor'] as const).flatMap((key) => {
    const written = direction[key];
    return linked(`bandwidth.${name}.${key}`, key, from && written && { ...from, range: written.range });
  });
  if (attributes.some(([key]) => key === 'average' || key === 'floor')) writer.empty(name, attributes, links);
}

/** libvirt reads these as unsigned integers and prints them back in decimal. */
function numeric(value: string): string {
  const trimmed = value.trim();
  // strtoull accepts leading space and '+'; libvirt prints the plain decimal back.
  return /^\+?\d+$/.test(trimmed) ? String(BigInt(trimmed.replace('+', ''))) : value;
}

/** Copies an element as written, in libvirt's quoting; the links are for the element itself. */
function copyElement(writer: Writer, element: XmlElement, depth: number, links: Links = []): void {
  const attributes = element.attributes.flatMap((a): Array<[string, string]> => (a.value === undefined ? [] : [[a.name, a.value]]));
  const content = element.texts
    .map((t) => t.value)
    .join('')
    .trim();
  if (element.children.length === 0) {
    if (content) writer.textElement(element.name, content, attributes, links);
    else writer.empty(element.name, attributes, links);
    return;
  }
  writer.open(element.name, attributes, links);
  if (depth >= maxCopyDepth) writer.comment('deeper content left out');
  else for (const child of element.children) copyElement(writer, child, depth + 1);
  writer.close(element.name);
}
