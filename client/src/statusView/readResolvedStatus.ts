import type { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { DocumentKind, InterfaceStatus, ResolvedStatusResult, StatusXmlLink, ValueOrigin } from '../../../protocol/src/messages';

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
  };
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
  };
}

/** A prototype-less map: a key such as "__proto__" or "tag.constructor" stays an ordinary key. */
function readProvenance(value: unknown): Record<string, ValueOrigin> {
  const result = Object.create(null) as Record<string, ValueOrigin>;
  if (!isRecord(value)) return result;
  for (const [key, entry] of Object.entries(value)) {
    const origin = readOrigin(entry);
    if (origin) result[key] = origin;
  }
  return result;
}

function readLink(value: Record<string, unknown>, textLength: number): StatusXmlLink[] {
  const { start, end, key } = value;
  const from = readOrigin(value.from);
  const valid = isOffset(start) && isOffset(end) && start <= end && end <= textLength && typeof key === 'string';
  return valid && from ? [{ start, end, key, from }] : [];
}

function readOrigin(value: unknown): ValueOrigin | undefined {
  if (!isRecord(value) || typeof value.uri !== 'string') return undefined;
  const range = readRange(value.range);
  if (!range) return undefined;
  const level = value.level === 'portgroup' || value.level === 'network' ? value.level : 'interface';
  return { uri: value.uri, range, level, ...optional('ownerName', text(value.ownerName)), label: text(value.label) ?? '' };
}

function readProblem(value: Record<string, unknown>): Diagnostic[] {
  const range = readRange(value.range);
  // LSP 3.18 allows markup in a message; the panel shows its text.
  const message = typeof value.message === 'string' ? value.message : isRecord(value.message) ? text(value.message.value) : undefined;
  if (!range || message === undefined) return [];
  const severity = severities.find((level) => level === value.severity);
  const code = typeof value.code === 'string' || typeof value.code === 'number' ? value.code : undefined;
  return [{ range, message, ...optional('severity', severity), ...optional('code', code), ...optional('source', text(value.source)) }];
}

const severities: readonly DiagnosticSeverity[] = [1, 2, 3, 4];

function readRange(value: unknown): Range | undefined {
  if (!isRecord(value) || !isRecord(value.start) || !isRecord(value.end)) return undefined;
  const { start, end } = value;
  if (!isOffset(start.line) || !isOffset(start.character) || !isOffset(end.line) || !isOffset(end.character)) return undefined;
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/** `{ key: value }` when the value is there, `{}` when not (for optional properties). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
