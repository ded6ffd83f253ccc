import type { Diagnostic } from 'vscode-languageserver-types';
import type { FilterChainStatus, FilterMatchStatus, FilterRuleStatus, InterfaceStatus, ValueOrigin, VolumeDiskStatus } from '../../../protocol/src/messages';
import { escapeHtmlAttribute, escapeHtmlText } from './htmlEscape';
import { linked } from './renderStatusXml';

/*
 * The panel's sections for what libvirt makes of a domain's volume disks and of an interface's
 * filter chain. Pure functions of the model, every value from a document escaped; links name
 * their target by position and key only (the extension looks them up, webviewMessages.ts).
 */

/** Longest single value shown in full (a path, a parameter's values, a rule's match). */
const maxValueLength = 200;

function shortened(value: string): string {
  return value.length > maxValueLength ? `${value.slice(0, maxValueLength)}…` : value;
}

function levelClass(origin: ValueOrigin): string {
  return origin.level;
}

/** A value of a volume disk that opens where it came from. */
function diskLinked(inner: string, disk: VolumeDiskStatus, key: string): string {
  const from = Object.prototype.hasOwnProperty.call(disk.provenance, key) ? disk.provenance[key] : undefined;
  if (!from) return inner;
  const title = `From ${from.label !== '' ? from.label : from.level}, line ${from.range.start.line + 1}. Click to open.`;
  return (
    `<span class="source-link level-${levelClass(from)}" role="link" tabindex="0" data-action="revealDisk" data-disk="${disk.index}"` +
    ` data-key="${escapeHtmlAttribute(key)}" title="${escapeHtmlAttribute(title)}">${inner}</span>`
  );
}

function value(text: string, className = 'field-value'): string {
  return `<span class="${className}">${escapeHtmlText(shortened(text))}</span>`;
}

/** The volume disks section: one block per disk, or nothing when the domain has none. */
export function renderVolumeDisks(disks: readonly VolumeDiskStatus[], total: number): string {
  if (disks.length === 0) return '';
  const more = total > disks.length ? `<p class="placeholder">The first ${disks.length} of ${total} volume disks are shown.</p>` : '';
  return `<section class="volume-disks" aria-labelledby="volume-disks-title">
<h2 id="volume-disks-title">Volume disks</h2>
<p class="legend">What libvirt gives QEMU for each <code>&lt;disk type='volume'&gt;</code> when the domain starts (<code>virsh dumpxml</code> of the running domain still shows pool and volume; <code>virsh domstats --block</code> shows the path). Values link to the
<span class="source-link level-pool">pool</span> or <span class="source-link level-volume">volume</span> they come from.</p>
${disks.map((disk, at) => renderDisk(disk, at)).join('\n')}
${more}
</section>`;
}

function renderDisk(disk: VolumeDiskStatus, position: number): string {
  const name = disk.target ?? `${disk.index + 1}`;
  const poolType = disk.poolType ? ` (${diskLinked(value(disk.poolType), disk, 'poolType')})` : '';
  const runsAs = disk.actualType ? diskLinked(value(disk.actualType), disk, 'actualType') : '';
  return `<section class="disk" aria-labelledby="disk-${position}-title">
<header class="interface-header">
<h3 id="disk-${position}-title">Disk ${escapeHtmlText(shortened(name))}</h3>
<dl class="interface-facts">
<div><dt>Pool</dt><dd>${disk.pool ? diskLinked(value(disk.pool), disk, 'pool') : '<span class="absent">—</span>'}${poolType}</dd></div>
<div><dt>Volume</dt><dd>${disk.volume ? diskLinked(value(disk.volume), disk, 'volume') : '<span class="absent">—</span>'}</dd></div>
<div><dt>Runs as</dt><dd>${runsAs || '<span class="absent">does not start</span>'}</dd></div>
<div><dt>Source</dt><dd>${renderDiskSource(disk)}</dd></div>
</dl>
</header>
${disk.problems.map((problem, at) => renderBanner(problem, `data-action="revealDiskProblem" data-disk="${disk.index}" data-problem="${at}"`)).join('\n')}
${renderNotes(disk.notes)}
</section>`;
}

function renderDiskSource(disk: VolumeDiskStatus): string {
  if (!disk.actualType) return '<span class="absent">—</span>';
  if (disk.protocol) {
    const host = disk.host ? diskLinked(value(disk.host), disk, 'host') : '';
    const port = disk.port ? diskLinked(value(disk.port), disk, 'port') : '';
    const path = disk.path ? diskLinked(value(disk.path), disk, 'path') : '';
    return `${escapeHtmlText(disk.protocol)}://${host}:${port}/${path}`;
  }
  return disk.path ? diskLinked(value(disk.path, 'field-value path'), disk, 'path') : '<span class="absent">known only on the host</span>';
}

/** An interface's filter chain: its filters, the binding's parameters, libvirt's error, the rules in order. */
export function renderFilterChain(iface: InterfaceStatus, position: number): string {
  const chain = iface.filterChain;
  if (!chain) return '';
  const link = (inner: string, key: string) => {
    const from = Object.prototype.hasOwnProperty.call(iface.provenance, key) ? iface.provenance[key] : undefined;
    return from ? linked(inner, { key, from }, position) : inner;
  };
  const filters = chain.filters.map((name, at) => link(value(name), `filter.${at}`)).join(' → ') || value(chain.filter);
  const parameters = chain.parameters
    .map(
      (p) =>
        `${escapeHtmlText(p.name)}=${link(value(p.values.join(', ')), `filter.parameter.${p.name}`)}${p.given === 'libvirt' ? ' <span class="absent">(libvirt)</span>' : ''}`,
    )
    .join(' · ');
  const error = chain.error ? renderBanner({ range: iface.range, message: chain.error, severity: 1 }, '') : '';
  const more =
    chain.totalRules > chain.rules.length ? `<p class="placeholder">The first ${chain.rules.length} of ${chain.totalRules} rules are shown.</p>` : '';
  return `<section class="filter-chain" aria-labelledby="filter-chain-${position}-title">
<h3 id="filter-chain-${position}-title">Filter chain</h3>
<dl class="interface-facts">
<div><dt>Filters</dt><dd>${filters}</dd></div>
<div><dt>Parameters</dt><dd>${parameters || '<span class="absent">none</span>'}</dd></div>
<div><dt>IP learning</dt><dd>${value(chain.ipLearning)}</dd></div>
</dl>
${error}
${renderRules(chain, link)}
${more}
</section>`;
}

function renderRules(chain: FilterChainStatus, link: (inner: string, key: string) => string): string {
  if (chain.rules.length === 0) return '<p class="placeholder">No rules.</p>';
  const rows = chain.rules.map((rule, at) => renderRule(rule, at, link)).join('\n');
  return `<table class="filter-rules">
<caption>Rules in the order libvirt applies them: the root chain first, then by priority</caption>
<thead><tr><th scope="col">#</th><th scope="col">Chain</th><th scope="col">Priority</th><th scope="col">Action</th><th scope="col">Direction</th><th scope="col">Match</th><th scope="col">Filter</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function renderRule(rule: FilterRuleStatus, at: number, link: (inner: string, key: string) => string): string {
  const priority = rule.effectivePriority === rule.priority ? `${rule.priority}` : `${rule.priority} → ${rule.effectivePriority}`;
  const match = rule.match.map((m) => `${escapeHtmlText(shortened(m.name))}=${renderMatchValue(m, at, link)}`).join(' ');
  return `<tr><td>${at + 1}</td><td>${escapeHtmlText(shortened(rule.chain))}</td><td>${escapeHtmlText(priority)}</td><td>${escapeHtmlText(rule.action ?? '')}</td><td>${escapeHtmlText(rule.direction ?? '')}</td><td><code>${escapeHtmlText(rule.protocol ?? '')} ${match}</code></td><td>${link(value(rule.filter), `filter.rule.${at}`)}</td></tr>`;
}

function renderMatchValue(match: FilterMatchStatus, at: number, link: (inner: string, key: string) => string): string {
  if (match.values === undefined) return escapeHtmlText(shortened(match.written));
  if (match.learned) return `${escapeHtmlText(shortened(match.written))} <span class="absent">(learned)</span>`;
  if (match.missing) return `${escapeHtmlText(shortened(match.written))} <span class="missing">(no value)</span>`;
  const variable = match.written.replace(/^\$/, '').replace(/\[.*$/, '');
  return link(escapeHtmlText(shortened(match.values.join(', '))), `filter.rule.${at}.${variable}`);
}

const severityNames: Readonly<Record<number, string>> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** A problem banner; `action` makes its message open the place (empty: not a link). */
function renderBanner(problem: Diagnostic, action: string): string {
  const severity = severityNames[problem.severity ?? 1] ?? 'error';
  const message = escapeHtmlText(typeof problem.message === 'string' ? problem.message : problem.message.value);
  const text = action
    ? `<span class="banner-message source-link" role="link" tabindex="0" ${action} title="Show where">${message}</span>`
    : `<span class="banner-message">${message}</span>`;
  return `<div class="banner banner-${severity}" role="${severity === 'error' ? 'alert' : 'note'}">
<span class="banner-severity">${severity}</span>
${text}
</div>`;
}

function renderNotes(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  return `<ul class="notes">${notes.map((note) => `<li>${escapeHtmlText(note)}</li>`).join('')}</ul>`;
}
