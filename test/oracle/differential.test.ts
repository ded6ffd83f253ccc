// Differential test: our resolver against a real libvirt 9.0.0 (started by test/oracle/setup.sh;
// `npm run test:oracle` does set-up, this test and tear-down).
//
// For every case of generateMatrix(): libvirt defines + starts the network and creates the port
// the interface would get (net-port-create); independently our engine reads the same network
// XML and a domain holding the same <interface>. Then, field by field: portgroup <group>,
// bandwidth, vlan, virtualport (type + merged parameters; a random id libvirt generated ⇔ a
// run-time value of ours), trustGuestRxFilters, port isolated, plug type ⇔ actual type, bridge,
// macTableManager, direct device and mode. Refusals: net-define ⇔ an error among our
// network-file findings, net-port-create ⇔ an error of our interface resolution, each with the
// same meaning (tables below). For domainCases() a tiny QEMU domain is started as well and its
// live XML is compared with our prediction by the engine's own compareDomainWithLive (interfaces
// paired by MAC, then field by field), under this host's stricter rule for run-time values.
//
// What this machine cannot show (no sfq qdisc, no SR-IOV, no Open vSwitch, no lldpad) is "not
// checkable here": a short list matched by libvirt's exact message, counted and reported.
// Without libvirt the test is SKIPPED with the reason; it never passes silently.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings } from '../../server/src/findings/documentFindings';
import type { Finding, FindingCode } from '../../server/src/model/finding';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { parseLibvirtDocument } from '../../server/src/model/libvirtDocument';
import { parseXml } from '../../server/src/parser/xmlParser';
import type { XmlElement } from '../../server/src/parser/xmlTree';
import type { RunTimeAgreement } from '../../server/src/resolver/liveComparison';
import { compareDomainWithLive } from '../../server/src/resolver/liveDomainComparison';
import { isRunTime, type ResolvedInterface, type StatusValue } from '../../server/src/resolver/resolvedInterface';
import { resolveDocument } from '../../server/src/resolver/resolveDocument';
import { runTimePlaceholder, writeBandwidth, writeVirtualPort, writeVlan } from '../../server/src/resolver/statusXml';
import { XmlWriter } from '../../server/src/util/xmlWriter';
import {
  skippedWithoutLibvirt,
  networkPortXmlFor,
  resolveDomainInterface,
  resolvePortBatch,
  tinyDomainXml,
  type DomainResult,
  type PortResult,
} from './libvirtOracle';
import { domainCases, generateMatrix, type OracleCase } from './matrix';

// --- libvirt's refusals ⇔ our findings ---------------------------------------------------------

/** A libvirt message and the finding of ours that means the same. `ours` narrows a generic code. */
interface Meaning {
  readonly libvirt: RegExp;
  readonly code: FindingCode;
  readonly ours?: RegExp;
}

/** net-define refusals (virNetworkDefParseXML, networkValidate) ⇔ our network-file findings. */
const NETWORK_MEANINGS: readonly Meaning[] = [
  { libvirt: /<vlan> element specified for network .*, whose type doesn't support vlan configuration/, code: 'vlan-unsupported' },
  {
    libvirt: /Unsupported <bandwidth> element in network '.*' in portgroup '.*' with forward mode=/,
    code: 'invalid-value',
    ours: /Unsupported <bandwidth> element in network/,
  },
  {
    libvirt: /Unsupported network-wide <bandwidth> element in network .* with forward mode=/,
    code: 'invalid-value',
    ours: /Unsupported network-wide <bandwidth> element/,
  },
  { libvirt: /floor attribute is not supported for this config/, code: 'floor-unsupported-by-network' },
  { libvirt: /missing required virtualport type/, code: 'invalid-value', ours: /missing required virtualport type/ },
];

/** net-port-create refusals (networkAllocatePort) ⇔ our interface problems. */
const PORT_MEANINGS: readonly Meaning[] = [
  { libvirt: /attempt to merge virtualports with mismatched/, code: 'virtualport-conflict' },
  { libvirt: /<virtualport type='[^']*'> not supported for network '.*' which uses/, code: 'virtualport-type-unsupported' },
  { libvirt: /missing \w+ in <virtualport type='[^']*'>/, code: 'virtualport-incomplete' },
  { libvirt: /Invalid use of 'floor' .* 'floor' is only supported for interface type 'network'/, code: 'floor-unsupported-for-interface' },
  { libvirt: /Invalid use of 'floor' .* has no inbound QoS set/, code: 'floor-needs-network-inbound' },
];

/** Domain start refusals (virDomainActualNetDefValidate, qemu) ⇔ our interface problems. */
const START_MEANINGS: readonly Meaning[] = [
  ...PORT_MEANINGS,
  { libvirt: /vlan tag not supported for this connection type/, code: 'vlan-unsupported' },
  { libvirt: /<port isolated='yes'\/> is not supported for network interfaces with/, code: 'port-isolated-unsupported' },
];

/** When libvirt would raise each of our interface problems; 'advisory' = never a libvirt refusal. */
const OUR_STAGES: ReadonlyArray<{ code: FindingCode; ours?: RegExp; stage: 'port' | 'start' | 'advisory' }> = [
  { code: 'virtualport-conflict', stage: 'port' },
  { code: 'virtualport-type-unsupported', stage: 'port' },
  { code: 'virtualport-incomplete', stage: 'port' },
  { code: 'floor-unsupported-for-interface', stage: 'port' },
  { code: 'floor-needs-network-inbound', stage: 'port' },
  { code: 'unknown-network', stage: 'port' },
  { code: 'missing-network-name', stage: 'port' },
  { code: 'empty-device-pool', stage: 'port' },
  { code: 'invalid-value', ours: /unknown forward mode/, stage: 'port' },
  { code: 'vlan-unsupported', stage: 'start' },
  { code: 'port-isolated-unsupported', stage: 'start' },
  { code: 'invalid-value', ours: /bandwidth settings are not supported for hostdev/, stage: 'start' },
  // libvirt ignores a misspelled portgroup silently; telling the author is the point of this tool.
  { code: 'unknown-portgroup', stage: 'advisory' },
];

/**
 * Environment limits of this machine, by libvirt's exact message (anchored): the outcome says
 * nothing about libvirt's rules, so the case is counted as "not checkable here".
 */
const NOT_CHECKABLE: ReadonlyArray<{ why: string; stage: string; message: RegExp }> = [
  {
    why: 'no sfq qdisc in this kernel: network-wide <bandwidth> cannot start',
    stage: 'net-start',
    message:
      /^internal error: Child process \(tc qdisc add dev (orbr-(none|nat|route|open)|br0) parent 1:2 handle 2: sfq perturb 10\) unexpected exit status 2: Error: Specified qdisc kind is unknown\.$/,
  },
  {
    why: 'no Open vSwitch: bridge ovsbr0 does not exist for network-wide <bandwidth>',
    stage: 'net-start',
    message: /^internal error: Child process \(tc qdisc add dev ovsbr0 root handle 1: htb default 2\) unexpected exit status 1: Cannot find device "ovsbr0"$/,
  },
  {
    why: 'no SR-IOV hardware: hostdev <address> pool is not a VF',
    stage: 'net-define',
    message: /^unsupported configuration: device '\/sys\/bus\/pci\/devices\/0000:00:07\.1' in network 'net-hostdev-pci' is not an SR-IOV Virtual Function$/,
  },
  { why: 'no SR-IOV hardware: hostdev <pf> has no VFs', stage: 'net-start', message: /^internal error: No usable Vf's present on SRIOV PF ordev3$/ },
  { why: 'no lldpad: 802.1Qbg/802.1Qbh port profile cannot be sent', stage: 'start', message: /^internal error: sending of PortProfileRequest failed\.$/ },
  { why: 'no Open vSwitch: bridge ovsbr0 does not exist', stage: 'start', message: /^Cannot get interface MTU on 'ovsbr0': No such device$/ },
  { why: 'no Open vSwitch: ovs-vsctl missing', stage: 'start', message: /^internal error: Unable to add port vnet\d+ to OVS bridge br0$/ },
  {
    why: 'no SR-IOV hardware: passthrough vlan needs a VF',
    stage: 'start',
    message: /^unsupported configuration: vlan can only be set for SR-IOV VFs, but ordev0 is not a VF$/,
  },
];

// --- our engine ----------------------------------------------------------------------------------

interface Ours {
  /** Errors among the network file's findings: what net-define would refuse. */
  networkErrors: Finding[];
  resolved: ResolvedInterface;
  /** The interface's errors by the stage at which libvirt would raise them. */
  portErrors: Finding[];
  startErrors: Finding[];
  unclassified: Finding[];
}

function runOurs(c: OracleCase): Ours {
  const index = new WorkspaceIndex();
  const network = parseLibvirtDocument('file:///oracle/network.xml', c.networkXml);
  const domain = parseLibvirtDocument('file:///oracle/domain.xml', tinyDomainXml(c.interfaceXml));
  index.update(network);
  index.update(domain);
  const networkErrors = computeFindings(network, index).filter((f) => f.severity === 'error');
  const resolved = resolveDocument(domain, index)[0];
  const out: Ours = { networkErrors, resolved, portErrors: [], startErrors: [], unclassified: [] };
  for (const f of computeFindings(domain, index).filter((x) => x.severity === 'error')) {
    const stage = OUR_STAGES.find((s) => s.code === f.code && (!s.ours || s.ours.test(f.message)))?.stage;
    if (stage === 'port') out.portErrors.push(f);
    else if (stage === 'start') out.startErrors.push(f);
    else if (stage === undefined) out.unclassified.push(f);
  }
  return out;
}

// --- comparison helpers ----------------------------------------------------------------------------

interface Disagreement {
  id: string;
  field: string;
  ours: string;
  libvirt: string;
}

type Outcome = { kind: 'agree' } | { kind: 'not-checkable'; why: string } | { kind: 'disagree'; list: Disagreement[] };

/** libvirt's own message: the last line virsh printed. */
const lastLine = (error: string) => error.split('\n').pop()!.trim();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A UUID libvirt made up (it is in neither input): our run-time value stands for it. */
function isGeneratedId(value: string, c: OracleCase): boolean {
  return (
    /^[0-9a-f-]{36}$/i.test(value) && !c.networkXml.toLowerCase().includes(value.toLowerCase()) && !c.interfaceXml.toLowerCase().includes(value.toLowerCase())
  );
}

interface Node {
  name: string;
  attrs: [string, string][];
  text: string;
  children: Node[];
}

function toNode(el: XmlElement): Node {
  return {
    name: el.name,
    attrs: el.attributes.map((a) => [a.name, a.value ?? ''] as [string, string]),
    text: el.texts
      .map((t) => t.value)
      .join('')
      .trim(),
    children: el.children.map(toNode),
  };
}

function parseNode(xml: string): Node {
  const root = parseXml(xml).roots[0];
  if (!root) throw new Error(`not XML: ${xml}`);
  return toNode(root);
}

function show(n: Node | undefined): string {
  if (!n) return '(absent)';
  const attrs = n.attrs.map(([k, v]) => ` ${k}='${v}'`).join('');
  const inner = n.text + n.children.map(show).join('');
  return inner ? `<${n.name}${attrs}>${inner}</${n.name}>` : `<${n.name}${attrs}/>`;
}

/** Random ids libvirt generated → our placeholder, so that they compare with our run-time values. */
function maskGenerated(n: Node, c: OracleCase): Node {
  return {
    ...n,
    attrs: n.attrs.map(([k, v]) => [k, (k === 'instanceid' || k === 'interfaceid') && isGeneratedId(v, c) ? runTimePlaceholder : v]),
    children: n.children.map((ch) => maskGenerated(ch, c)),
  };
}

function written(write: (w: XmlWriter) => void): Node | undefined {
  const w = new XmlWriter();
  write(w);
  const xml = w.toString().trim();
  return xml ? parseNode(xml) : undefined;
}

function sourceValue(r: ResolvedInterface, name: string): StatusValue | undefined {
  return r.source.find((a) => a.name === name)?.value;
}

const text = (v: StatusValue | undefined) =>
  v === undefined ? '(absent)' : isRunTime(v) ? `${runTimePlaceholder}${v.candidates ? ` of [${v.candidates.join(', ')}]` : ''}` : v;

/**
 * Run-time values on this host, stricter than a real host's rule (agreesAtRunTime): every pool is
 * fresh, no other domain uses a device, so libvirt takes its first one; a virtualport id our
 * run-time value stands for must be one libvirt generated, in neither input.
 */
function agreesOnFreshHost(c: OracleCase): RunTimeAgreement {
  return (ours, libvirt, field) => {
    if (ours.candidates) return ours.candidates[0] === libvirt;
    if (/@(instanceid|interfaceid)$/.test(field)) return isGeneratedId(libvirt, c);
    return libvirt !== '';
  };
}

/** Our value agrees with libvirt's: equal, or a run-time value libvirt's choice agrees with on this host. */
function agrees(c: OracleCase, field: string, ours: StatusValue | undefined, libvirt: string | undefined): boolean {
  if (ours === undefined || libvirt === undefined) return ours === libvirt;
  return isRunTime(ours) ? agreesOnFreshHost(c)(ours, libvirt, field) : ours === libvirt;
}

function notCheckable(stage: string, message: string): string | undefined {
  return NOT_CHECKABLE.find((n) => n.stage === stage && n.message.test(message))?.why;
}

/**
 * libvirt refused with `message`; ours must hold an error of the same meaning. Where our message
 * carries libvirt's text, it must carry it whole, prefix included (random ids masked).
 */
function compareRefusal(c: OracleCase, field: string, message: string, meanings: readonly Meaning[], ours: Finding[]): Disagreement[] {
  const meaning = meanings.find((m) => m.libvirt.test(message));
  const oursText = ours.map((f) => `${f.code}: ${f.message}`).join(' | ') || '(no error)';
  if (!meaning) return [{ id: c.id, field: `${field} (no mapping for this libvirt message)`, ours: oursText, libvirt: message }];
  const match = ours.find((f) => f.code === meaning.code && (!meaning.ours || meaning.ours.test(f.message)));
  if (!match) return [{ id: c.id, field, ours: oursText, libvirt: message }];
  // our '(generated)' stands for the random id the domain parser made up
  const mask = (s: string) => s.replace(UUID, 'UUID').replace(/'\(generated\)'/g, "'UUID'");
  if (!mask(match.message).includes(mask(message))) return [{ id: c.id, field: `${field} (message text)`, ours: match.message, libvirt: message }];
  return [];
}

/** net-define / net-start outcome ⇔ our network-file errors. */
function compareNetwork(c: OracleCase, ours: Ours, r: { ok: boolean; stage?: string; error?: string }): Outcome | undefined {
  if (!r.ok && r.stage === 'net-define') {
    const message = lastLine(r.error!);
    const why = notCheckable('net-define', message);
    if (why) return { kind: 'not-checkable', why };
    const list = compareRefusal(c, 'net-define refusal', message, NETWORK_MEANINGS, ours.networkErrors);
    return list.length ? { kind: 'disagree', list } : { kind: 'agree' };
  }
  // libvirt defined the network: we must not refuse it.
  const list: Disagreement[] = ours.networkErrors.map((f) => ({
    id: c.id,
    field: 'network accepted by net-define',
    ours: `${f.code}: ${f.message}`,
    libvirt: '(defined)',
  }));
  if (list.length) return { kind: 'disagree', list };
  if (!r.ok && r.stage === 'net-start') {
    const message = lastLine(r.error!);
    const why = notCheckable('net-start', message);
    if (why) return { kind: 'not-checkable', why };
    return { kind: 'disagree', list: [{ id: c.id, field: 'net-start refusal (not an environment limit we know)', ours: '(no error)', libvirt: message }] };
  }
  return undefined;
}

function comparePort(c: OracleCase, ours: Ours, r: PortResult): Outcome {
  const net = compareNetwork(c, ours, r);
  if (net) return net;
  const list: Disagreement[] = ours.unclassified.map((f) => ({
    id: c.id,
    field: 'finding without a stage in OUR_STAGES',
    ours: `${f.code}: ${f.message}`,
    libvirt: '',
  }));
  if (!r.ok) {
    list.push(...compareRefusal(c, 'net-port-create refusal', lastLine(r.error), PORT_MEANINGS, ours.portErrors));
    return list.length ? { kind: 'disagree', list } : { kind: 'agree' };
  }
  for (const f of ours.portErrors) list.push({ id: c.id, field: 'port created', ours: `${f.code}: ${f.message}`, libvirt: '(created)' });
  const port = parseNode(r.portXml);
  const child = (name: string) => port.children.find((n) => n.name === name);
  const attr = (n: Node | undefined, name: string) => n?.attrs.find(([k]) => k === name)?.[1];
  const res = ours.resolved;
  const diff = (field: string, o: string, l: string) => o !== l && list.push({ id: c.id, field, ours: o, libvirt: l });

  diff('portgroup <group>', text(sourceValue(res, 'portgroup')), child('group')?.text ?? '(absent)');
  const bw = child('bandwidth');
  if (bw) bw.attrs = bw.attrs.filter(([k]) => k !== 'classID');
  diff('bandwidth', show(res.bandwidth && written((w) => writeBandwidth(w, res.bandwidth!.value))), show(bw));
  diff('vlan', show(res.vlan && written((w) => writeVlan(w, res.vlan!.value))), show(child('vlan')));
  // Our live view hides a virtualport on actual type network (libvirt never formats it there);
  // every virtualport is refused on such networks anyway, so the port has none.
  diff(
    'virtualport',
    show(res.virtualPort && written((w) => writeVirtualPort(w, res.virtualPort!))),
    show(child('virtualport') && maskGenerated(child('virtualport')!, c)),
  );
  diff('trustGuestRxFilters', res.trustGuestRxFilters?.value ?? '(absent)', attr(child('rxfilters'), 'trustGuest') ?? '(absent)');
  diff('port isolated', res.portIsolated?.value ?? '(absent)', attr(child('port'), 'isolated') ?? '(absent)');
  const plug = child('plug');
  const plugType = attr(plug, 'type') ?? '(absent)';
  diff('plug type', res.type ?? '(absent)', plugType === 'hostdev-pci' ? 'hostdev' : plugType);
  for (const name of ['bridge', 'macTableManager', 'dev', 'mode']) {
    const o = sourceValue(res, name);
    const l = attr(plug, name);
    if (!agrees(c, `plug@${name}`, o, l)) list.push({ id: c.id, field: `plug ${name}`, ours: text(o), libvirt: l ?? '(absent)' });
  }
  return list.length ? { kind: 'disagree', list } : { kind: 'agree' };
}

function compareDomain(c: OracleCase, ours: Ours, r: DomainResult): Outcome {
  if (!r.ok && (r.stage === 'net-define' || r.stage === 'net-start')) return compareNetwork(c, ours, r)!;
  const net = compareNetwork(c, ours, { ok: true });
  if (net) return net;
  const refusals = [...ours.portErrors, ...ours.startErrors];
  if (!r.ok) {
    const message = lastLine(r.error);
    const why = notCheckable(r.stage, message);
    if (why) return { kind: 'not-checkable', why };
    const list = compareRefusal(c, `domain ${r.stage} refusal`, message, START_MEANINGS, refusals);
    return list.length ? { kind: 'disagree', list } : { kind: 'agree' };
  }
  const list: Disagreement[] = refusals.map((f) => ({ id: c.id, field: 'domain started', ours: `${f.code}: ${f.message}`, libvirt: '(started)' }));
  for (const d of compareDomainWithLive([ours.resolved], r.liveXml, { runTimeAgreement: agreesOnFreshHost(c) })) {
    list.push({ id: c.id, field: `live ${d.field}`, ours: d.predicted, libvirt: d.live });
  }
  return list.length ? { kind: 'disagree', list } : { kind: 'agree' };
}

// --- the run ----------------------------------------------------------------------------------------

interface Tally {
  cases: number;
  agree: number;
  notCheckable: number;
  ms: number;
}

interface Results {
  ports: Map<string, Tally>;
  domains: Map<string, Tally>;
  disagreements: Disagreement[];
  notCheckable: Map<string, string[]>;
}

function tally(map: Map<string, Tally>, mode: string): Tally {
  let t = map.get(mode);
  if (!t) map.set(mode, (t = { cases: 0, agree: 0, notCheckable: 0, ms: 0 }));
  return t;
}

function record(results: Results, t: Tally, c: OracleCase, outcome: Outcome, kind: string): void {
  t.cases++;
  if (outcome.kind === 'agree') t.agree++;
  else if (outcome.kind === 'not-checkable') {
    t.notCheckable++;
    results.notCheckable.set(outcome.why, [...(results.notCheckable.get(outcome.why) ?? []), `${kind} ${c.id}`]);
  } else results.disagreements.push(...outcome.list.map((d) => ({ ...d, field: `${kind}: ${d.field}` })));
}

async function runMatrix(jobs: number): Promise<Results> {
  // ORACLE_FILTER=REGEX runs only the matching case ids (a developer's shortcut; CI runs all).
  const filter = process.env.ORACLE_FILTER ? new RegExp(process.env.ORACLE_FILTER) : undefined;
  const cases = generateMatrix().filter((c) => !filter || filter.test(c.id));
  const domainIds = new Set(domainCases(cases).map((c) => c.id));
  const results: Results = { ports: new Map(), domains: new Map(), disagreements: [], notCheckable: new Map() };
  for (const c of cases) tally(results.ports, c.forwardMode); // rows in the matrix's order
  const portsOf = (modeCases: OracleCase[]) => async () => {
    const t0 = Date.now();
    const answers = await resolvePortBatch(modeCases.map((c) => ({ networkXml: c.networkXml, portXml: networkPortXmlFor(c.iface) })));
    const t = tally(results.ports, modeCases[0].forwardMode);
    t.ms += Date.now() - t0;
    modeCases.forEach((c, i) => record(results, t, c, comparePort(c, runOurs(c), answers[i]), 'port'));
  };
  const domainOf = (c: OracleCase) => async () => {
    const t0 = Date.now();
    const answer = await resolveDomainInterface(c.networkXml, c.interfaceXml);
    const t = tally(results.domains, c.forwardMode);
    t.ms += Date.now() - t0;
    record(results, t, c, compareDomain(c, runOurs(c), answer), 'domain');
  };
  // Work that touches the same host bridge or device pool (one matrix lane) runs in order.
  // Exception: ports on direct-mode networks (lane 'direct') touch nothing on the host (their
  // net-start does nothing there, networkStartNetworkExternal; a port only picks a pool device
  // in libvirtd's bookkeeping), so each direct mode's ports get a lane of their own; the direct
  // domains, which create macvtap devices (passthrough: exclusively), keep the shared lane.
  const lanes = new Map<string, Array<() => Promise<void>>>();
  /** rough cost per lane, in ports: a domain start+destroy costs ~2 s, a port ~50 ms */
  const weights = new Map<string, number>();
  const push = (lane: string, weight: number, step: () => Promise<void>) => {
    lanes.set(lane, [...(lanes.get(lane) ?? []), step]);
    weights.set(lane, (weights.get(lane) ?? 0) + weight);
  };
  const modes = [...new Set(cases.map((c) => c.forwardMode))];
  for (const mode of modes) {
    const modeCases = cases.filter((c) => c.forwardMode === mode);
    const lane = modeCases[0].lane;
    push(lane === 'direct' ? `${lane}/${mode}` : lane, modeCases.length, portsOf(modeCases));
  }
  for (const c of cases.filter((x) => domainIds.has(x.id))) push(c.lane, 40, domainOf(c));
  // Longest lanes first: the wall time is at least the longest lane's.
  const queue = [...lanes.entries()].sort(([a], [b]) => weights.get(b)! - weights.get(a)!).map(([, steps]) => steps);
  const worker = async () => {
    for (let steps = queue.shift(); steps; steps = queue.shift()) for (const step of steps) await step();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
  return results;
}

function summaryLines(results: Results, wallMs: number): string[] {
  const lines = ['forward mode      ports: cases agree n/c   time | domains: cases agree n/c   time'];
  const fmt = (t: Tally | undefined) =>
    t
      ? `${String(t.cases).padStart(5)} ${String(t.agree).padStart(5)} ${String(t.notCheckable).padStart(3)} ${(t.ms / 1000).toFixed(1).padStart(5)}s`
      : '    -     -   -      -';
  const sum = (m: Map<string, Tally>) =>
    [...m.values()].reduce((a, t) => ({ cases: a.cases + t.cases, agree: a.agree + t.agree, notCheckable: a.notCheckable + t.notCheckable, ms: a.ms + t.ms }), {
      cases: 0,
      agree: 0,
      notCheckable: 0,
      ms: 0,
    });
  for (const mode of results.ports.keys()) lines.push(`${mode.padEnd(17)} ${fmt(results.ports.get(mode))}        | ${fmt(results.domains.get(mode))}`);
  lines.push(`${'total'.padEnd(17)} ${fmt(sum(results.ports))}        | ${fmt(sum(results.domains))}`);
  lines.push(
    `wall time ${(wallMs / 1000).toFixed(1)} s (lanes in parallel; per-mode times are libvirt's, summed per lane); disagreements: ${results.disagreements.length}`,
  );
  lines.push('not checkable here (environment limits, by exact libvirt message):');
  if (results.notCheckable.size === 0) lines.push('  (none)');
  for (const [why, ids] of results.notCheckable) lines.push(`  ${String(ids.length).padStart(3)}  ${why}`);
  return lines;
}

test('differential: our resolver vs. a real libvirt, over the whole matrix', { timeout: 30 * 60_000 }, async (t) => {
  if (await skippedWithoutLibvirt(t)) return;
  const started = Date.now();
  const results = await runMatrix(Number(process.env.ORACLE_JOBS ?? 4));
  const lines = summaryLines(results, Date.now() - started);
  for (const line of lines) t.diagnostic(line);
  console.log(['', 'libvirt oracle, differential summary', ...lines, ''].join('\n'));
  if (process.env.ORACLE_FILTER) t.diagnostic(`ORACLE_FILTER=${process.env.ORACLE_FILTER}: a subset of the matrix ran`);

  // one sub-test per forward mode, so a failure names the mode it belongs to
  for (const mode of results.ports.keys()) {
    await t.test(`forward mode ${mode}`, () => {
      const mine = results.disagreements.filter((d) => d.id.startsWith(`${mode}:`));
      if (mine.length === 0) return;
      assert.fail(
        `${mine.length} disagreement(s) with libvirt:\n` +
          mine.map((d) => `  ${d.id}  [${d.field}]\n      ours:    ${d.ours}\n      libvirt: ${d.libvirt}`).join('\n'),
      );
    });
  }
});
