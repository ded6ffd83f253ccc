// The network-definition oracle: every case of networkCases.ts is defined and started on the real
// libvirtd (net-define, net-start, then destroyed and undefined) and judged by our `check`
// (computeFindings of the network file alone). They must agree on the outcome:
//   refused at net-define ⇔ one of our define-stage errors carries libvirt's message, word for word;
//   refused at net-start  ⇔ no define-stage error and one of our start-stage errors carries it;
//   accepted              ⇔ no error of ours (warnings are advice, not refusals).
// What this machine cannot show (no SR-IOV, no sfq qdisc, no firewalld, …) is "not checkable
// here", recognised only by libvirt's exact message, and listed in the summary.
// Without libvirt the test is SKIPPED with the reason; it never passes silently.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings } from '../../server/src/findings/documentFindings';
import type { Finding, FindingCode } from '../../server/src/model/finding';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { parseLibvirtDocument } from '../../server/src/model/libvirtDocument';
import { defineAndStartNetwork, skippedWithoutLibvirt, type NetworkLifecycle } from './libvirtOracle';
import { corpusCases, nameCases, ruleCases, type NetworkCase } from './networkCases';

/** Our findings that libvirt raises when the network starts, not when it is defined. */
const START_STAGE_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'unescaped-in-saved-file',
  'network-name-too-long-for-dnsmasq',
  'bridge-name-too-long',
  'nat-port-range',
]);

/** Environment limits of this machine, by libvirt's exact message (anchored). */
const NOT_CHECKABLE: ReadonlyArray<{ why: string; stage: 'net-define' | 'net-start'; message: RegExp }> = [
  {
    why: 'no SR-IOV hardware: a hostdev <address> pool device is not a VF',
    stage: 'net-define',
    message: /^unsupported configuration: device '\/sys\/bus\/pci\/devices\/[0-9a-f:.]+' in network '[^']+' is not an SR-IOV Virtual Function$/,
  },
  { why: 'no SR-IOV hardware: a hostdev <pf> has no VFs', stage: 'net-start', message: /^internal error: No usable Vf's present on SRIOV PF \S+$/ },
  {
    why: 'no sfq qdisc in this kernel: network-wide <bandwidth> cannot start',
    stage: 'net-start',
    message:
      /^internal error: Child process \(tc qdisc add dev \S+ parent 1:2 handle 2: sfq perturb 10\) unexpected exit status 2: Error: Specified qdisc kind is unknown\.$/,
  },
  {
    why: 'no firewalld: a bridge zone cannot be set',
    stage: 'net-start',
    message: /^internal error: zone \S+ requested for network \S+ but firewalld is not active$/,
  },
  {
    why: "the host has no TFTP root: dnsmasq's own check",
    stage: 'net-start',
    message: /^dnsmasq: TFTP directory \S+ inaccessible: No such file or directory$/,
  },
  {
    why: "dnsmasq's verdict on <dnsmasq:options> pass-through options (depends on the host's dnsmasq)",
    stage: 'net-start',
    message: /^dnsmasq: bad option at line \d+ of \/var\/lib\/libvirt\/dnsmasq\/\S+\.conf$/,
  },
  {
    why: "this kernel's bridge has no vlan_filtering: macTableManager='libvirt' on a host bridge",
    stage: 'net-start',
    message: /^Unable to set bridge \S+ vlan_filtering via ioctl: Invalid argument$/,
  },
];

interface Verdict {
  readonly c: NetworkCase;
  readonly outcome: 'agree' | 'not-checkable' | 'disagree';
  readonly detail: string;
}

function ourErrors(c: NetworkCase): { define: Finding[]; start: Finding[] } {
  const document = parseLibvirtDocument('file:///oracle/network.xml', c.xml);
  const index = new WorkspaceIndex();
  index.update(document);
  const errors = computeFindings(document, index).filter((f) => f.severity === 'error');
  return { define: errors.filter((f) => !START_STAGE_CODES.has(f.code)), start: errors.filter((f) => START_STAGE_CODES.has(f.code)) };
}

const describe = (findings: readonly Finding[]) => findings.map((f) => `${f.code}: ${f.message}`).join(' | ') || '(no error)';

/**
 * libvirt's own message: the line after virsh's "Failed to define/start network …"; a parse error
 * of libxml2 comes as "(network_definition):LINE: MESSAGE" followed by the line and a caret.
 */
function libvirtMessage(error: string): string {
  const lines = error.split('\n');
  if (/^Failed to (define|start) network/.test(lines[0] ?? '') && lines.length > 1) lines.shift();
  return (lines[0] ?? '').replace(/^\(network_definition\):\d+: /, '').trim();
}

function judge(c: NetworkCase, libvirt: NetworkLifecycle): Verdict {
  const ours = ourErrors(c);
  if (libvirt.stage === 'accepted') {
    const all = [...ours.define, ...ours.start];
    return all.length === 0 ? { c, outcome: 'agree', detail: '' } : { c, outcome: 'disagree', detail: `libvirt accepted it; ours: ${describe(all)}` };
  }
  const message = libvirtMessage(libvirt.error);
  // A child process's failure is a line about the process, then the child's own lines.
  const lines = libvirt.error.split('\n').map((line) => line.trim());
  const limit = NOT_CHECKABLE.find((n) => n.stage === libvirt.stage && lines.some((line) => n.message.test(line)));
  if (limit) return { c, outcome: 'not-checkable', detail: limit.why };
  const candidates = libvirt.stage === 'net-define' ? ours.define : ours.define.length ? [] : ours.start;
  const said = candidates.some((f) => f.message.includes(message));
  return said
    ? { c, outcome: 'agree', detail: '' }
    : {
        c,
        outcome: 'disagree',
        detail: `libvirt refused at ${libvirt.stage}: ${message}\n      ours: define ${describe(ours.define)}; start ${describe(ours.start)}`,
      };
}

async function runAll(cases: readonly NetworkCase[]): Promise<Verdict[]> {
  // One after another: corpus networks claim fixed bridge names (virbr0, …).
  const verdicts: Verdict[] = [];
  for (const c of cases) verdicts.push(judge(c, await defineAndStartNetwork(c.xml, { keepName: c.keepName })));
  return verdicts;
}

test('network definitions: our check vs. net-define and net-start of a real libvirt', { timeout: 10 * 60_000 }, async (t) => {
  if (await skippedWithoutLibvirt(t)) return;
  const corpus = corpusCases();
  if (typeof corpus === 'string') t.diagnostic(`SKIP ${corpus}`);
  const filter = process.env.ORACLE_FILTER ? new RegExp(process.env.ORACLE_FILTER) : undefined;
  const cases = [...(typeof corpus === 'string' ? [] : corpus), ...ruleCases(), ...nameCases()].filter((c) => !filter || filter.test(c.id));
  const started = Date.now();
  const verdicts = await runAll(cases);
  const lines = ['family   cases agree n/c disagree'];
  for (const family of ['corpus', 'rules', 'names'] as const) {
    const mine = verdicts.filter((v) => v.c.family === family);
    const count = (o: Verdict['outcome']) => String(mine.filter((v) => v.outcome === o).length);
    lines.push(
      `${family.padEnd(8)} ${String(mine.length).padStart(5)} ${count('agree').padStart(5)} ${count('not-checkable').padStart(3)} ${count('disagree').padStart(8)}`,
    );
  }
  lines.push(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  lines.push('not checkable here (environment limits, by exact libvirt message):');
  const limits = new Map<string, string[]>();
  for (const v of verdicts.filter((x) => x.outcome === 'not-checkable')) limits.set(v.detail, [...(limits.get(v.detail) ?? []), v.c.id]);
  if (limits.size === 0) lines.push('  (none)');
  for (const [why, ids] of limits) lines.push(`  ${String(ids.length).padStart(3)}  ${why}: ${ids.join(', ')}`);
  for (const line of lines) t.diagnostic(line);
  console.log(['', 'libvirt oracle, network definitions', ...lines, ''].join('\n'));
  if (filter) t.diagnostic(`ORACLE_FILTER=${process.env.ORACLE_FILTER}: a subset of the cases ran`);
  const disagreements = verdicts.filter((v) => v.outcome === 'disagree');
  assert.equal(
    disagreements.length,
    0,
    `${disagreements.length} disagreement(s) with libvirt:\n` + disagreements.map((v) => `  ${v.c.id}\n      ${v.detail}`).join('\n'),
  );
});
