import type { Bandwidth, BandwidthDirection, Vlan } from '../model/libvirtModel';
import type { XmlElement } from '../parser/xmlTree';
import { XmlWriter, type AttributeList } from '../util/xmlWriter';
import { parseMacAddress } from '../util/macAddress';
import { isRunTime, type ResolvedInterface, type ResolvedVirtualPort, type StatusValue } from './resolvedInterface';

/** How a value only the running host knows is written in status XML. */
export const runTimePlaceholder = '…';

/**
 * Children of a live `<interface>` after the resolved part, in the order libvirt formats them
 * (virDomainNetDefFormat); anything else keeps its place after these.
 */
const liveChildOrder = [
  'ip', 'route', 'portForward', 'script', 'downscript', 'backenddomain', 'target', 'guest', 'model', 'driver',
  'backend', 'filterref', 'tune', 'teaming', 'link', 'mtu', 'coalesce', 'boot', 'alias', 'master', 'rom', 'acpi', 'address',
];

/** Children whose live form the resolver decides; the configured ones are not copied. */
const resolvedChildren = new Set(['mac', 'source', 'vlan', 'virtualport', 'bandwidth', 'port', 'tag', 'actual']);

/** A copied element deeper than this is elided: status XML is for reading, not a deep copy of junk. */
const maxCopyDepth = 32;

/**
 * The `<interface>` libvirt will report for the running domain (`virsh dumpxml`), written in
 * libvirt's own style. Run-time values are written as `…`. The RFC's `<tag>` elements follow
 * the port settings; libvirt itself has no such element.
 */
export function formatStatusXml(resolved: ResolvedInterface, indent = 0): string {
  const writer = new XmlWriter(indent);
  const { iface } = resolved;
  const attributes: Array<[string, string]> = [['type', resolved.type ?? '']];
  // A configured hostdev interface keeps its own managed='yes' (libvirt never prints managed='no').
  const configuredHostdev = !resolved.network && resolved.type === 'hostdev';
  const ownManaged = configuredHostdev && iface.element.attributes.some((a) => a.name === 'managed' && a.value?.toLowerCase() === 'yes');
  if (resolved.managed || ownManaged) attributes.push(['managed', 'yes']);
  // libvirt prints the interface's own trustGuestRxFilters here, not the inherited one.
  if (iface.trustGuestRxFilters) attributes.push(['trustGuestRxFilters', iface.trustGuestRxFilters.value]);
  writer.open('interface', attributes);
  // libvirt prints the parsed address: lower-case, two digits per group.
  writer.empty('mac', [['address', iface.mac ? (parseMacAddress(iface.mac.value) ?? iface.mac.value) : runTimePlaceholder]]);

  // A configured hostdev's <driver> (its PCI backend) comes before its <source>, as libvirt formats hostdevs.
  if (configuredHostdev) for (const driver of iface.element.children.filter((c) => c.name === 'driver')) copyElement(writer, driver, 0);
  if (resolved.type === 'hostdev' && resolved.network) {
    writer.empty('driver', [['name', resolved.hostdevDriver ?? 'vfio']]);
    writer.open('source');
    const address = resolved.hostdevAddress;
    const known = address !== undefined && !isRunTime(address);
    writer.empty('address', known ? withPciType(address.map((a) => [a.name, text(a.value)])) : [['type', 'pci'], ['domain', runTimePlaceholder]]);
    writer.close('source');
  } else if (!resolved.network && iface.source && iface.source.element.children.length > 0) {
    // A configured source with content (a hostdev's PCI address, a udp tunnel's <local>) is shown as written.
    copyElement(writer, iface.source.element, 0);
  } else if (resolved.source.length > 0) {
    writer.empty('source', resolved.source.map((a) => [a.name, text(a.value)]));
  }
  if (resolved.vlan) writeVlan(writer, resolved.vlan.value);
  if (resolved.virtualPort) writeVirtualPort(writer, resolved.virtualPort);
  if (resolved.bandwidth) writeBandwidth(writer, resolved.bandwidth.value);
  if (resolved.portIsolated) writer.empty('port', [['isolated', resolved.portIsolated.value]]);
  for (const tag of resolved.tags) writer.empty('tag', [['name', tag.value]]);

  const rest = iface.element.children.filter((child) => !resolvedChildren.has(child.name) && !(configuredHostdev && child.name === 'driver'));
  const present = new Set(rest.map((child) => child.name));
  // The run-time <target> and <alias> take their place in libvirt's order (target before
  // <model>, alias before <address>), among the children copied as written.
  const entries: Array<{ order: number; write: () => void }> = rest.map((child) => ({ order: orderOf(child.name), write: () => copyElement(writer, child, 0) }));
  if (!present.has('target') && resolved.type !== 'hostdev') {
    entries.push({ order: orderOf('target'), write: () => writer.empty('target', [['dev', runTimePlaceholder]]) });
  }
  if (!present.has('alias')) entries.push({ order: orderOf('alias'), write: () => writer.empty('alias', [['name', runTimePlaceholder]]) });
  entries.sort((a, b) => a.order - b.order);
  for (const entry of entries) entry.write();
  writer.close('interface');
  return writer.toString();
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
export function writeVlan(writer: XmlWriter, vlan: Vlan): void {
  const trunk = vlan.trunk?.value.toLowerCase() === 'yes' || vlan.tags.length > 1;
  writer.open('vlan', trunk ? [['trunk', 'yes']] : []);
  for (const tag of vlan.tags) {
    const attributes: Array<[string, string]> = [['id', numeric(tag.id?.value ?? '')]];
    if (tag.nativeMode) attributes.push(['nativeMode', tag.nativeMode.value]);
    writer.empty('tag', attributes);
  }
  writer.close('vlan');
}

export function writeVirtualPort(writer: XmlWriter, virtualPort: ResolvedVirtualPort): void {
  const typeAttribute: AttributeList = virtualPort.type ? [['type', virtualPort.type.value]] : [];
  // virNetDevVPortProfileFormat prints nothing for a type-less profile without parameters.
  if (!virtualPort.type && virtualPort.parameters.length === 0) return;
  if (virtualPort.parameters.length === 0) {
    writer.empty('virtualport', typeAttribute);
    return;
  }
  writer.open('virtualport', typeAttribute);
  writer.empty('parameters', virtualPort.parameters.map((p) => [p.name, text(p.value)]));
  writer.close('virtualport');
}

/** virNetDevBandwidthFormat: average, peak, floor, burst; zero values are left out. */
export function writeBandwidth(writer: XmlWriter, bandwidth: Bandwidth): void {
  writer.open('bandwidth');
  writeRates(writer, 'inbound', bandwidth.inbound);
  writeRates(writer, 'outbound', bandwidth.outbound);
  writer.close('bandwidth');
}

function writeRates(writer: XmlWriter, name: string, direction: BandwidthDirection | undefined): void {
  if (!direction) return;
  const attributes: Array<[string, string]> = [];
  for (const key of ['average', 'peak', 'floor', 'burst'] as const) {
    const value = direction[key]?.value;
    if (value !== undefined && numeric(value) !== '0') attributes.push([key, numeric(value)]);
  }
  if (attributes.some(([key]) => key === 'average' || key === 'floor')) writer.empty(name, attributes);
}

/** libvirt reads these as unsigned integers and prints them back in decimal. */
function numeric(value: string): string {
  const trimmed = value.trim();
  // strtoull accepts leading space and '+'; libvirt prints the plain decimal back.
  return /^\+?\d+$/.test(trimmed) ? String(BigInt(trimmed.replace('+', ''))) : value;
}

/** Copies an element as written, in libvirt's quoting. */
function copyElement(writer: XmlWriter, element: XmlElement, depth: number): void {
  const attributes: Array<[string, string]> = element.attributes
    .filter((a) => a.value !== undefined)
    .map((a) => [a.name, a.value!]);
  const content = element.texts.map((t) => t.value).join('').trim();
  if (element.children.length === 0) {
    if (content) writer.textElement(element.name, content, attributes);
    else writer.empty(element.name, attributes);
    return;
  }
  writer.open(element.name, attributes);
  if (depth >= maxCopyDepth) writer.comment('deeper content left out');
  else for (const child of element.children) copyElement(writer, child, depth + 1);
  writer.close(element.name);
}
