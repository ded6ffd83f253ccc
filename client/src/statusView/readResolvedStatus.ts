import type { DocumentKind, InterfaceStatus, ResolvedStatusResult, StatusXmlLink } from '../../../protocol/src/messages';
import { readFilterChain, readVolumeDisk } from './readStorageAndFilterStatus';
import { isOffset, isRecord, optional, readOrigin, readProblem, readProvenance, readRange, text } from './statusFields';

/**
 * Checks the server's answer before anything renders it: a field of the wrong type is dropped
 * or replaced by an empty value, so a server bug shows as a missing value, never as a broken
 * panel. (The page is rendered from this, so it must hold exactly what the types promise.)
 */
export function readResolvedStatus(value: unknown, requestedUri: string): ResolvedStatusResult {
  const answer = isRecord(value) ? value : {};
  const kinds: readonly DocumentKind[] = ['domain', 'network', 'networkport', 'other'];
  const kind = kinds.find((k) => k === answer.kind) ?? 'other';
  const interfaces = Array.isArray(answer.interfaces) ? answer.interfaces.filter(isRecord).map(readInterface) : [];
  // A server from before paging sends no counts: its answer is the whole list.
  const firstInterface = isOffset(answer.firstInterface) ? answer.firstInterface : 0;
  const totalInterfaces = isOffset(answer.totalInterfaces)
    ? Math.max(answer.totalInterfaces, firstInterface + interfaces.length)
    : firstInterface + interfaces.length;
  return {
    uri: typeof answer.uri === 'string' ? answer.uri : requestedUri,
    version: typeof answer.version === 'number' ? answer.version : 0,
    kind,
    ...optional('name', text(answer.name)),
    interfaces,
    firstInterface,
    totalInterfaces,
    ...optional('tagsNote', text(answer.tagsNote)),
    ...volumeDiskPage(answer),
  };
}

/** The page of volume disks; absent when the server sends none (one from before them). */
function volumeDiskPage(answer: Record<string, unknown>): Pick<ResolvedStatusResult, 'volumeDisks' | 'firstVolumeDisk' | 'totalVolumeDisks'> {
  if (!Array.isArray(answer.volumeDisks)) return {};
  const volumeDisks = answer.volumeDisks.filter(isRecord).map(readVolumeDisk);
  const firstVolumeDisk = isOffset(answer.firstVolumeDisk) ? answer.firstVolumeDisk : 0;
  const total = isOffset(answer.totalVolumeDisks)
    ? Math.max(answer.totalVolumeDisks, firstVolumeDisk + volumeDisks.length)
    : firstVolumeDisk + volumeDisks.length;
  return { volumeDisks, firstVolumeDisk, totalVolumeDisks: total };
}

const portgroupHows: ReadonlyArray<NonNullable<InterfaceStatus['portgroupHow']>> = ['named', 'default', 'unknown'];

function readInterface(value: Record<string, unknown>, position: number): InterfaceStatus {
  const statusXml = typeof value.statusXml === 'string' ? value.statusXml : '';
  const provenance = readProvenance(value.provenance);
  const links = Array.isArray(value.links) ? value.links.filter(isRecord).flatMap((link) => readLink(link, statusXml.length)) : [];
  const how = portgroupHows.find((h) => h === value.portgroupHow);
  return {
    index: typeof value.index === 'number' && Number.isInteger(value.index) ? value.index : position,
    range: readRange(value.range) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    ...optional('mac', text(value.mac)),
    ...optional('network', text(value.network)),
    ...optional('portgroup', text(value.portgroup)),
    ...optional('portgroupHow', how),
    ...optional('type', text(value.type)),
    ...optional('forwardMode', text(value.forwardMode)),
    statusXml,
    provenance,
    links,
    otherNetworkDefinitions: Array.isArray(value.otherNetworkDefinitions) ? value.otherNetworkDefinitions.flatMap((entry) => readOrigin(entry) ?? []) : [],
    tags: Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === 'string') : [],
    notes: Array.isArray(value.notes) ? value.notes.filter((n): n is string => typeof n === 'string') : [],
    problems: Array.isArray(value.problems) ? value.problems.filter(isRecord).flatMap(readProblem) : [],
    ...optional('filterChain', isRecord(value.filterChain) ? readFilterChain(value.filterChain) : undefined),
  };
}

function readLink(value: Record<string, unknown>, textLength: number): StatusXmlLink[] {
  const { start, end, key } = value;
  const from = readOrigin(value.from);
  const valid = isOffset(start) && isOffset(end) && start <= end && end <= textLength && typeof key === 'string';
  return valid && from ? [{ start, end, key, from }] : [];
}
