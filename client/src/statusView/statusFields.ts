import type { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { ValueLevel, ValueOrigin } from '../../../protocol/src/messages';

/** The checks of single fields of the server's answers, shared by readResolvedStatus and readStorageAndFilterStatus. */

/** A prototype-less map: a key such as "__proto__" or "tag.constructor" stays an ordinary key. */
export function readProvenance(value: unknown): Record<string, ValueOrigin> {
  const result = Object.create(null) as Record<string, ValueOrigin>;
  if (!isRecord(value)) return result;
  for (const [key, entry] of Object.entries(value)) {
    const origin = readOrigin(entry);
    if (origin) result[key] = origin;
  }
  return result;
}

const levels: readonly ValueLevel[] = ['interface', 'portgroup', 'network', 'disk', 'pool', 'volume', 'filter'];

export function readOrigin(value: unknown): ValueOrigin | undefined {
  if (!isRecord(value) || typeof value.uri !== 'string') return undefined;
  const range = readRange(value.range);
  if (!range) return undefined;
  const level = levels.find((known) => known === value.level) ?? 'interface';
  return { uri: value.uri, range, level, ...optional('ownerName', text(value.ownerName)), label: text(value.label) ?? '' };
}

export function readProblem(value: Record<string, unknown>): Diagnostic[] {
  const range = readRange(value.range);
  // LSP 3.18 allows markup in a message; the panel shows its text.
  const message = typeof value.message === 'string' ? value.message : isRecord(value.message) ? text(value.message.value) : undefined;
  if (!range || message === undefined) return [];
  const severity = severities.find((level) => level === value.severity);
  const code = typeof value.code === 'string' || typeof value.code === 'number' ? value.code : undefined;
  return [{ range, message, ...optional('severity', severity), ...optional('code', code), ...optional('source', text(value.source)) }];
}

const severities: readonly DiagnosticSeverity[] = [1, 2, 3, 4];

export function readRange(value: unknown): Range | undefined {
  if (!isRecord(value) || !isRecord(value.start) || !isRecord(value.end)) return undefined;
  const { start, end } = value;
  if (!isOffset(start.line) || !isOffset(start.character) || !isOffset(end.line) || !isOffset(end.character)) return undefined;
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/** `{ key: value }` when the value is there, `{}` when not (for optional properties). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
