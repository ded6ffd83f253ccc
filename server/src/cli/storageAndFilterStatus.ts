import type { FilterChainStatus, FilterRuleStatus, ValueOrigin, VolumeDiskStatus } from '../../../protocol/src/messages';
import type { IndexedDocument, WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import type { DomainInterface } from '../model/libvirtModel';
import type { Provenance } from '../resolver/provenance';
import { interfaceFilterFindings } from '../findings/filterRules';
import { storageFindings } from '../findings/storageRules';
import { filterChainStatus } from '../services/filterChainStatus';
import { volumeDiskStatuses } from '../services/volumeDiskStatus';
import { displayPath } from './findingFormat';
import { escapeControlCharacters } from './terminalText';

/*
 * `libvirt-xml status` for what a domain's volume disks and filter chains become when it starts:
 * the same answer the status panel shows (services/volumeDiskStatus.ts, filterChainStatus.ts),
 * as comments beside the interfaces' XML, or as JSON with each value's file, line and column.
 */

/** Every volume disk of the domain (the CLI prints them all). */
export function volumeDisksOf(document: IndexedDocument, index: WorkspaceIndex): VolumeDiskStatus[] {
  const total = document.object?.kind === 'domain' ? document.object.volumeDisks.length : 0;
  return volumeDiskStatuses(document, index, displayPath, 0, total);
}

/** libvirt's errors of the volume disks and filter chains, as the diagnostics report them. */
export function storageAndFilterFindings(document: IndexedDocument, index: WorkspaceIndex): Finding[] {
  const object = document.object;
  if (object?.kind !== 'domain') return [];
  return [...storageFindings(document, object, index), ...interfaceFilterFindings(document, object, index)];
}

export function filterChainOf(document: IndexedDocument, iface: DomainInterface, index: WorkspaceIndex): FilterChainStatus | undefined {
  return filterChainStatus(document.uri, iface, index)?.status;
}

/** An interface's filter chain for the JSON output: each rule with the file, line and column it is written at. */
export function filterChainJson(document: IndexedDocument, iface: DomainInterface, index: WorkspaceIndex) {
  const chain = filterChainStatus(document.uri, iface, index);
  if (!chain) return null;
  const where = (from: Provenance) => {
    const at = (from.uri === document.uri ? document.lines : index.get(from.uri)?.lines)?.positionAt(from.range.start) ?? { line: 0, character: 0 };
    return { file: displayPath(from.uri), line: at.line + 1, column: at.character + 1 };
  };
  const origins = new Map(chain.origins);
  const { status } = chain;
  return {
    ...status,
    error: status.error ?? null,
    rules: status.rules.map((rule, at) => {
      const from = origins.get(`filter.rule.${at}`);
      return { ...rule, from: from ? where(from) : null };
    }),
  };
}

/** A volume disk as comment lines of the text output. */
export function volumeDiskText(disk: VolumeDiskStatus): string {
  const lines = [
    `volume disk ${disk.target ?? disk.index}: pool '${disk.pool ?? ''}'${disk.poolType ? ` (${disk.poolType})` : ''}, volume '${disk.volume ?? ''}'`,
  ];
  if (disk.actualType) {
    const where = disk.protocol
      ? `${disk.protocol}://${disk.host ?? ''}:${disk.port ?? ''}/${disk.path ?? ''}`
      : (disk.path ?? '(path known only on the host)');
    lines.push(`  runs as a ${disk.actualType} disk: ${where}${fromText(disk.provenance.path)}`);
  }
  for (const problem of disk.problems) lines.push(`  does not start: ${typeof problem.message === 'string' ? problem.message : problem.message.value}`);
  for (const note of disk.notes) lines.push(`  note: ${note}`);
  return commentLines(lines);
}

/** An interface's filter chain as comment lines of the text output. */
export function filterChainText(chain: FilterChainStatus, position: number): string {
  const parameters = chain.parameters.map((p) => `${p.name}=${p.values.join(',')}`).join(', ');
  const lines = [
    `filter chain of interface ${position}: ${chain.filters.join(' → ') || chain.filter}; binding parameters ${parameters}; IP learning ${chain.ipLearning}`,
  ];
  if (chain.error) lines.push(`  does not start: ${chain.error}`);
  chain.rules.forEach((rule, at) => lines.push(`  ${at + 1}. ${ruleText(rule)}`));
  if (chain.totalRules > chain.rules.length) lines.push(`  … ${chain.totalRules - chain.rules.length} more rules`);
  return commentLines(lines);
}

function ruleText(rule: FilterRuleStatus): string {
  const match = rule.match
    .map(
      (m) =>
        `${m.name}=${m.learned ? `${m.written} (learned when the guest sends)` : m.missing ? `${m.written} (no value)` : m.values ? m.values.join('|') : m.written}`,
    )
    .join(' ');
  const priority = rule.effectivePriority === rule.priority ? `${rule.priority}` : `${rule.priority}→${rule.effectivePriority}`;
  return `[${rule.chain} ${priority}] ${rule.action ?? '?'} ${rule.direction ?? '?'} ${rule.protocol ?? ''} ${match} (filter '${rule.filter}')`.replace(
    / +/g,
    ' ',
  );
}

function fromText(origin: ValueOrigin | undefined): string {
  return origin ? ` (from ${origin.label})` : '';
}

/** Comment lines, control characters escaped, `--` (which would end a comment) broken. */
function commentLines(lines: readonly string[]): string {
  return lines.map((line) => `<!-- ${escapeControlCharacters(line).replace(/--/g, '- -')} -->\n`).join('');
}

/** A value's origin for the JSON output: file, 1-based line and column, level and owner. */
export function originJson(origin: ValueOrigin) {
  return {
    file: displayPath(origin.uri),
    line: origin.range.start.line + 1,
    column: origin.range.start.character + 1,
    level: origin.level,
    owner: origin.ownerName,
  };
}

export function volumeDiskJson(disk: VolumeDiskStatus) {
  const from = Object.fromEntries(Object.entries(disk.provenance).map(([key, origin]) => [key, originJson(origin)]));
  return {
    index: disk.index,
    target: disk.target ?? null,
    pool: disk.pool ?? null,
    volume: disk.volume ?? null,
    poolType: disk.poolType ?? null,
    actualType: disk.actualType ?? null,
    path: disk.path ?? null,
    protocol: disk.protocol ?? null,
    host: disk.host ?? null,
    port: disk.port ?? null,
    mode: disk.mode ?? null,
    from,
    notes: disk.notes,
    error: disk.problems.map((problem) => (typeof problem.message === 'string' ? problem.message : problem.message.value))[0] ?? null,
  };
}
