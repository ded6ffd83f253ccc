import type { FilterChainStatus, FilterMatchStatus, FilterParameterStatus, FilterRuleStatus, VolumeDiskStatus } from '../../../protocol/src/messages';
import { isOffset, isRecord, optional, readProblem, readProvenance, readRange, text } from './statusFields';

/*
 * The server's volume disks and filter chains, checked as readResolvedStatus checks interfaces: a
 * field of the wrong type is dropped, so a server bug shows as a missing value, never as a broken
 * panel.
 */

export function readVolumeDisk(value: Record<string, unknown>, position: number): VolumeDiskStatus {
  const strings = ['target', 'pool', 'volume', 'poolType', 'actualType', 'path', 'protocol', 'host', 'port', 'mode'] as const;
  const fields = Object.assign({}, ...strings.map((key) => optional(key, text(value[key])))) as Partial<Record<(typeof strings)[number], string>>;
  return {
    index: isOffset(value.index) ? value.index : position,
    range: readRange(value.range) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    ...fields,
    provenance: readProvenance(value.provenance),
    notes: stringList(value.notes),
    problems: Array.isArray(value.problems) ? value.problems.filter(isRecord).flatMap(readProblem) : [],
  };
}

export function readFilterChain(value: Record<string, unknown>): FilterChainStatus {
  const rules = Array.isArray(value.rules) ? value.rules.filter(isRecord).map(readRule) : [];
  return {
    filter: text(value.filter) ?? '',
    parameters: Array.isArray(value.parameters) ? value.parameters.filter(isRecord).map(readParameter) : [],
    ipLearning: text(value.ipLearning) ?? 'any',
    filters: stringList(value.filters),
    rules,
    totalRules: isOffset(value.totalRules) ? Math.max(value.totalRules, rules.length) : rules.length,
    ...optional('error', text(value.error)),
  };
}

function readParameter(value: Record<string, unknown>): FilterParameterStatus {
  return { name: text(value.name) ?? '', values: stringList(value.values), given: value.given === 'libvirt' ? 'libvirt' : 'interface' };
}

function readRule(value: Record<string, unknown>): FilterRuleStatus {
  const priority = typeof value.priority === 'number' && Number.isInteger(value.priority) ? value.priority : 0;
  return {
    filter: text(value.filter) ?? '',
    depth: isOffset(value.depth) ? value.depth : 0,
    chain: text(value.chain) ?? 'root',
    priority,
    effectivePriority: typeof value.effectivePriority === 'number' && Number.isInteger(value.effectivePriority) ? value.effectivePriority : priority,
    ...optional('action', text(value.action)),
    ...optional('direction', text(value.direction)),
    ...optional('protocol', text(value.protocol)),
    match: Array.isArray(value.match) ? value.match.filter(isRecord).map(readMatch) : [],
  };
}

function readMatch(value: Record<string, unknown>): FilterMatchStatus {
  return {
    name: text(value.name) ?? '',
    written: text(value.written) ?? '',
    ...optional('values', Array.isArray(value.values) ? stringList(value.values) : undefined),
    ...optional('missing', value.missing === true ? true : undefined),
    ...optional('learned', value.learned === true ? true : undefined),
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
