// Differential test of the interface checks and the status of every interface type against a
// real libvirt 9.0.0 (test/oracle/setup.sh; `npm run test:oracle` runs it after
// differential.test.ts). For each case of interfaceCases(): libvirt defines and starts a tiny
// QEMU domain with the case's interfaces (and the case's network first); our engine reads the
// same XML. Then:
//   - libvirt refused at define: an error of ours from the domain's own rules carries libvirt's
//     message; refused at start: an error of ours from the start checks or the resolver does,
//     and none of the define rules fired;
//   - libvirt started it: we have no error, and each interface's live XML (virsh dumpxml) agrees
//     with our status field by field (compareDomainWithLive, run-time values on a fresh host);
//   - the start failed on tc's missing sfq qdisc while shaping a vnet (this kernel): libvirt gave
//     the interface a bandwidth, so ours must have one (and no error).
// "Not checkable here" only by libvirt's exact message (NOT_CHECKABLE), counted and listed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainFindings } from '../../server/src/findings/domainRules';
import { computeFindings } from '../../server/src/findings/documentFindings';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { Finding } from '../../server/src/model/finding';
import { parseLibvirtDocument } from '../../server/src/model/libvirtDocument';
import type { RunTimeAgreement } from '../../server/src/resolver/liveComparison';
import { compareDomainWithLive } from '../../server/src/resolver/liveDomainComparison';
import { resolveDocument } from '../../server/src/resolver/resolveDocument';
import type { ResolvedInterface } from '../../server/src/resolver/resolvedInterface';
import { skippedWithoutLibvirt, resolveDomainInterface, startDomainAndDumpInterface, tinyDomainXml, type DomainResult } from './libvirtOracle';
import { interfaceCases, type InterfaceCase } from './interfaceCases';

/** Environment limits of this machine, by libvirt's exact message. */
const NOT_CHECKABLE: ReadonlyArray<{ why: string; message: RegExp }> = [
  {
    why: 'no SR-IOV hardware: a passthrough vlan needs a VF',
    message: /^unsupported configuration: vlan can only be set for SR-IOV VFs, but ordev\d is not a VF$/,
  },
];

/** tc cannot add the sfq qdisc on this kernel: the start failed while shaping an interface's tap. */
const SHAPING_A_TAP =
  /^internal error: Child process \(tc qdisc add dev vnet\d+ parent 1:1 handle 2: sfq perturb 10\) unexpected exit status 2: Error: Specified qdisc kind is unknown\.$/;

/** Our start-time checks among the domain's own rules (virDomainActualNetDefValidate, the tap's device). */
const START_CODES = new Set(['vlan-unsupported', 'empty-source-device']);

interface Ours {
  defineErrors: Finding[];
  startErrors: Finding[];
  resolved: ResolvedInterface[];
}

function runOurs(c: InterfaceCase): Ours {
  const index = new WorkspaceIndex();
  if (c.networkXml) index.update(parseLibvirtDocument('file:///oracle/network.xml', c.networkXml));
  const domain = parseLibvirtDocument('file:///oracle/domain.xml', tinyDomainXml(c.interfacesXml));
  index.update(domain);
  const object = domain.object;
  assert.ok(object?.kind === 'domain');
  const own = domainFindings(domain, object).filter((f) => f.severity === 'error');
  const all = computeFindings(domain, index).filter((f) => f.severity === 'error');
  const defineErrors = own.filter((f) => !START_CODES.has(f.code));
  const key = (f: Finding) => `${f.code}|${f.message}|${f.range.start}`;
  const defineKeys = new Set(defineErrors.map(key));
  const startErrors = all.filter((f) => !defineKeys.has(key(f)));
  return { defineErrors, startErrors, resolved: resolveDocument(domain, index) };
}

type Outcome = { kind: 'agree' } | { kind: 'not-checkable'; why: string } | { kind: 'disagree'; lines: string[] };

const lastLine = (error: string) => (error.split('\n').pop() ?? '').trim();
const show = (fs: Finding[]) => fs.map((f) => `${f.code}: ${f.message}`).join(' | ') || '(no error)';

/** Fresh host: a pool's first free device; any value for the other run-time fields. */
const freshHost: RunTimeAgreement = (ours, live) => (ours.candidates ? ours.candidates[0] === live : live !== '');

function compare(c: InterfaceCase, ours: Ours, r: DomainResult): Outcome {
  if (!r.ok) {
    const message = lastLine(r.error);
    const why = NOT_CHECKABLE.find((n) => n.message.test(message))?.why;
    if (why) return { kind: 'not-checkable', why };
    if (r.stage === 'net-define' || r.stage === 'net-start') return { kind: 'disagree', lines: [`the case's network failed at ${r.stage}: ${message}`] };
    if (r.stage === 'start' && SHAPING_A_TAP.test(message)) {
      const shaped = ours.resolved.some((one) => one.bandwidth !== undefined);
      const errors = [...ours.defineErrors, ...ours.startErrors];
      if (shaped && errors.length === 0) return { kind: 'agree' };
      return {
        kind: 'disagree',
        lines: [`libvirt shaped a tap (a bandwidth applied); ours: bandwidth ${shaped ? 'applied' : 'none'}, errors ${show(errors)}`],
      };
    }
    const stageErrors = r.stage === 'define' ? ours.defineErrors : ours.startErrors;
    const lines: string[] = [];
    if (!stageErrors.some((f) => f.message.includes(message)))
      lines.push(`libvirt refused at ${r.stage}: ${message}\n      ours (${r.stage}): ${show(stageErrors)}`);
    if (r.stage === 'start' && ours.defineErrors.length > 0) lines.push(`libvirt defined it; ours refuses at define: ${show(ours.defineErrors)}`);
    return lines.length ? { kind: 'disagree', lines } : { kind: 'agree' };
  }
  const errors = [...ours.defineErrors, ...ours.startErrors];
  const lines = errors.length ? [`libvirt started it; ours: ${show(errors)}`] : [];
  for (const d of compareDomainWithLive(ours.resolved, r.liveXml, { runTimeAgreement: freshHost })) {
    lines.push(`live ${d.field}: ours ${d.predicted}, libvirt ${d.live}`);
  }
  return lines.length ? { kind: 'disagree', lines } : { kind: 'agree' };
}

async function runCase(c: InterfaceCase): Promise<DomainResult> {
  return c.networkXml ? resolveDomainInterface(c.networkXml, c.interfacesXml) : startDomainAndDumpInterface(tinyDomainXml(c.interfacesXml));
}

/** Runs the cases, lanes in parallel (at most `jobs`), each lane's cases in order. */
async function runAll(cases: InterfaceCase[], jobs: number): Promise<Map<InterfaceCase, Outcome>> {
  const outcomes = new Map<InterfaceCase, Outcome>();
  const lanes = new Map<string, InterfaceCase[]>();
  for (const c of cases) lanes.set(c.lane, [...(lanes.get(c.lane) ?? []), c]);
  const queue = [...lanes.values()].sort((a, b) => b.length - a.length);
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) for (const c of lane) outcomes.set(c, compare(c, runOurs(c), await runCase(c)));
  };
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
  return outcomes;
}

function summary(outcomes: Map<InterfaceCase, Outcome>, wallMs: number): string[] {
  const lines = ['family  cases agree n/c disagree'];
  for (const family of ['f2', 'f3', 'f6']) {
    const mine = [...outcomes].filter(([c]) => c.id.startsWith(`${family}:`)).map(([, o]) => o.kind);
    const count = (kind: Outcome['kind']) => String(mine.filter((k) => k === kind).length).padStart(5);
    lines.push(`${family.padEnd(6)} ${String(mine.length).padStart(6)} ${count('agree')} ${count('not-checkable')} ${count('disagree')}`);
  }
  lines.push(`wall time ${(wallMs / 1000).toFixed(1)} s`);
  lines.push('not checkable here (by exact libvirt message):');
  const notCheckable = [...outcomes].filter(([, o]) => o.kind === 'not-checkable');
  if (notCheckable.length === 0) lines.push('  (none)');
  for (const [c, o] of notCheckable) lines.push(`  ${c.id}: ${o.kind === 'not-checkable' ? o.why : ''}`);
  return lines;
}

test('interfaces: the checks of every interface type and their live XML vs. a real libvirt', { timeout: 10 * 60_000 }, async (t) => {
  if (await skippedWithoutLibvirt(t)) return;
  const filter = process.env.ORACLE_FILTER ? new RegExp(process.env.ORACLE_FILTER) : undefined;
  const cases = interfaceCases().filter((c) => !filter || filter.test(c.id));
  const started = Date.now();
  const outcomes = await runAll(cases, Number(process.env.ORACLE_JOBS ?? 4));
  const lines = summary(outcomes, Date.now() - started);
  for (const line of lines) t.diagnostic(line);
  console.log(['', 'libvirt oracle, interface checks and live status', ...lines, ''].join('\n'));
  const disagreements = [...outcomes].flatMap(([c, o]) => (o.kind === 'disagree' ? o.lines.map((l) => `  ${c.id}: ${l}`) : []));
  assert.equal(disagreements.length, 0, `${disagreements.length} disagreement(s) with libvirt:\n${disagreements.join('\n')}`);
});
