import type { DefinitionOrigin } from '../index/definitionOrigin';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ModelledFile } from '../model/modelledFile';
import {
  statusPageSize,
  type DocumentKind,
  type InterfaceStatus,
  type ResolvedStatusResult,
  type StatusXmlLink,
  type ValueOrigin,
} from '../../../protocol/src/messages';
import { resolveInterfaces } from '../resolver/resolveDocument';
import type { Provenance } from '../resolver/provenance';
import type { ResolvedInterface } from '../resolver/resolvedInterface';
import { writeStatusXml } from '../resolver/statusXml';
import { toDiagnostic } from './diagnostics';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { linesOf, toLspRange } from './lspRanges';
import { provenanceLabel } from './provenanceText';
import { filterChainStatus } from './filterChainStatus';
import { volumeDiskStatuses } from './volumeDiskStatus';

export interface StatusOptions {
  readonly displayPath?: DisplayPath;
}

/**
 * Which interfaces one answer holds: from `first` (a position, from 0), at most `max` (never more
 * than statusPageSize); and which volume disks, the same way.
 */
export interface StatusPage {
  readonly first?: number;
  readonly max?: number;
  readonly firstVolumeDisk?: number;
  readonly maxVolumeDisks?: number;
}

export const tagsNote =
  'Tags are a libvirt-xml extension (libvir-list RFC "network interface \'tags\' vs. portgroups"): libvirt drops <tag> when a file is defined, so keep these files as the source of truth.';

/** The data of the resolved-status view: every interface of a domain as libvirt will run it. */
export function getResolvedStatus(document: ModelledFile, index: WorkspaceIndex, options: StatusOptions = {}, page: StatusPage = {}): ResolvedStatusResult {
  const object = document.object;
  const kind: DocumentKind = object?.kind ?? 'other';
  const base = { uri: document.uri, version: document.version, kind, name: object && 'name' in object ? object.name?.value : undefined };
  if (object?.kind !== 'domain') return { ...base, interfaces: [], firstInterface: 0, totalInterfaces: 0 };
  const displayPath = options.displayPath ?? shortDisplayPath;
  // Only the page's interfaces are resolved: the cost is the page's, whatever the domain's size.
  const totalInterfaces = object.interfaces.length;
  const [first, count] = pageBounds(page.first, page.max, totalInterfaces);
  const resolved = resolveInterfaces(document, index, first, first + count);
  const interfaces = resolved.map((one) => interfaceStatus(document, index, displayPath, one));
  const totalVolumeDisks = object.volumeDisks.length;
  const [firstVolumeDisk, diskCount] = pageBounds(page.firstVolumeDisk, page.maxVolumeDisks, totalVolumeDisks);
  const volumeDisks = volumeDiskStatuses(document, index, displayPath, firstVolumeDisk, diskCount);
  return {
    ...base,
    interfaces,
    firstInterface: first,
    totalInterfaces,
    tagsNote: interfaces.some((i) => i.tags.length > 0) ? tagsNote : undefined,
    volumeDisks,
    firstVolumeDisk,
    totalVolumeDisks,
  };
}

/** The first position and the count of a page of `total` items. */
function pageBounds(first: number | undefined, max: number | undefined, total: number): [number, number] {
  const start = isWhole(first) ? Math.min(first, Math.max(0, total - 1)) : 0;
  return [start, isWhole(max) && max >= 1 ? Math.min(max, statusPageSize) : statusPageSize];
}

function isWhole(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value >= 0;
}

function interfaceStatus(document: ModelledFile, index: WorkspaceIndex, displayPath: DisplayPath, resolved: ResolvedInterface): InterfaceStatus {
  const origin = (from: Provenance): ValueOrigin | undefined => {
    const lines = linesOf(from.uri, document, index);
    if (!lines) return undefined;
    return { uri: from.uri, range: toLspRange(lines, from.range), level: from.level, ownerName: from.ownerName, label: provenanceLabel(from, displayPath) };
  };
  const { iface } = resolved;
  const { text: statusXml, spans } = writeStatusXml(resolved);

  // A prototype-less record: a key built from a document's tag name ("__proto__") stays a key.
  const provenance = Object.create(null) as Record<string, ValueOrigin>;
  const links: StatusXmlLink[] = [];
  for (const span of spans) {
    const from = origin(span.data);
    if (!from) continue;
    links.push({ start: span.start, end: span.end, key: span.key, from });
    if (!(span.key in provenance)) provenance[span.key] = from;
  }
  for (const [key, from] of definitionOrigins(resolved)) {
    const value = origin(from);
    if (value) provenance[key] = value;
  }
  const chain = filterChainStatus(document.uri, iface, index);
  for (const [key, from] of chain?.origins ?? []) {
    const value = origin(from);
    if (value && !(key in provenance)) provenance[key] = value;
  }

  const written = iface.source?.attributes.get('portgroup');
  const chosen = resolved.portGroup;
  return {
    index: iface.index,
    range: toLspRange(document.lines, { start: iface.element.start, end: iface.element.end }),
    mac: iface.mac?.value,
    network: iface.source?.attributes.get('network')?.value,
    portgroup: chosen ? chosen.group.name?.value : written?.value,
    portgroupHow: chosen ? chosen.how : written ? (resolved.network ? 'unknown' : 'named') : undefined,
    type: resolved.type,
    forwardMode: resolved.forwardMode,
    statusXml,
    provenance,
    links,
    otherNetworkDefinitions: otherNetworkDefinitions(index, resolved, displayPath).flatMap((other) => {
      const value = origin(other.from);
      return value ? [{ ...value, label: other.label }] : [];
    }),
    tags: resolved.tags.map((tag) => tag.value),
    notes: resolved.notes,
    problems: resolved.problems.map((problem) => toDiagnostic(problem, document, index)),
    filterChain: chain?.status,
  };
}

/**
 * The network's definitions besides the one the interface uses, in the index's precedence order,
 * each labelled with where it is: the panel says which definition was used and that others exist.
 */
function otherNetworkDefinitions(index: WorkspaceIndex, resolved: ResolvedInterface, displayPath: DisplayPath): Array<{ from: Provenance; label: string }> {
  const used = resolved.network;
  if (!used) return [];
  const name = used.network.name?.value ?? '';
  return index
    .networks(name)
    .filter((other) => other.uri !== used.uri)
    .map((other) => ({
      from: { uri: other.uri, range: other.network.name?.range ?? other.network.element.nameRange, level: 'network' as const, ownerName: name },
      label: `${displayPath(other.uri)} (${originText(other.origin)})`,
    }));
}

function originText(origin: DefinitionOrigin): string {
  switch (origin.kind) {
    case 'workspace':
      return 'workspace';
    case 'network-folder':
      return 'libvirtXml.networkPaths';
    case 'connection':
      return `on ${origin.connectionUri}`;
    case 'host-folder':
      return 'host folder';
  }
}

/** `network` and `portgroup`: the definitions in the network file, for a header that links there. */
function definitionOrigins(resolved: ResolvedInterface): Array<[string, Provenance]> {
  const definition = resolved.network;
  if (!definition) return [];
  const { network, uri } = definition;
  const origins: Array<[string, Provenance]> = [
    ['network', { uri, range: network.name?.range ?? network.element.nameRange, level: 'network', ownerName: network.name?.value }],
  ];
  const group = resolved.portGroup?.group;
  if (group) origins.push(['portgroup', { uri, range: group.name?.range ?? group.element.nameRange, level: 'portgroup', ownerName: group.name?.value }]);
  return origins;
}
