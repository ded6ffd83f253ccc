// A real libvirt as test oracle: asks libvirtd (started by test/oracle/setup.sh) how it
// resolves a network port or a domain interface. Node built-ins only.
//
// Speed: every call is ONE `virsh` process in batch mode ("cmd1; cmd2; ..."). virsh runs all
// commands of a batch even after one fails, so clean-up commands always run; echo markers
// between the commands tell which stage an error belongs to. A port resolution takes ~25 ms
// on a network without a bridge of its own (one process per step would be ~7 processes);
// networks that get their own bridge (no forward, nat, route, open) cost 0.1-0.7 s to start
// and stop, which resolvePortBatch pays once per distinct network. A domain start+destroy ~2 s.
//
// Objects get unique names (prefix "oracle-", which teardown.sh sweeps), so calls may run
// concurrently, as long as the networks do not claim the same fixed <bridge name>. In errors
// and returned XML the unique names are replaced by the caller's names again.

import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const URI = process.env.ORACLE_URI ?? 'qemu:///system';
/** Links setup.sh creates; the matrix refers to them. */
export const ORACLE_BRIDGE = 'br0';
export const ORACLE_NICS = ['ordev0', 'ordev1', 'ordev2', 'ordev3'];

export type PortResult =
  | { ok: true; portXml: string; networkXml: string }
  /** networkXml: the live network, when it got that far */
  | { ok: false; error: string; stage: 'net-define' | 'net-start' | 'net-port-create'; networkXml?: string };

export type DomainResult =
  { ok: true; liveXml: string; interfaces: string[] } | { ok: false; error: string; stage: 'net-define' | 'net-start' | 'define' | 'start' };

export interface IfaceForPort {
  mac: string;
  portgroup?: string;
  bandwidthXml?: string;
  vlanXml?: string;
  virtualportXml?: string;
  trustGuestRxFilters?: 'yes' | 'no';
  /** the interface's <port isolated='…'/> */
  portIsolated?: 'yes' | 'no';
}

export interface Step {
  stage: string;
  cmd: string;
}
export interface StepOutput {
  stdout: string;
  /** virsh's error lines without the "error: " prefix; empty when the step succeeded */
  errors: string[];
}

const TIMEOUT_MS = Number(process.env.ORACLE_TIMEOUT_MS ?? 120_000);

function virshRaw(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const opts = { maxBuffer: 64 << 20, timeout: TIMEOUT_MS, killSignal: 'SIGKILL' as const };
    execFile('virsh', ['-q', '-c', URI, ...args], opts, (err, stdout, stderr) => {
      // A hung libvirtd (seen: 802.1Qbg on a veth pair loops forever) must not hang the tests.
      if (err?.killed) {
        reject(new Error(`libvirt oracle: virsh did not answer within ${TIMEOUT_MS} ms; libvirtd may be wedged (run test/oracle/teardown.sh then setup.sh)`));
        return;
      }
      const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
      resolve({ code, stdout, stderr: stderr || (err && typeof err.code !== 'number' ? err.message : '') });
    });
  });
}

/** Runs the steps in one virsh batch; returns each step's output and errors by stage. */
export async function runBatch(steps: Step[]): Promise<Map<string, StepOutput>> {
  const mark = (s: string) => `@@ORACLE:${s}@@`;
  // echo to both streams before each step: stdout needs no newline handling (quiet echo
  // prints none), stderr comes out as "error: @@ORACLE:stage@@".
  const batch = steps.map((s) => `echo ${mark(s.stage)}; echo --err ${mark(s.stage)}; ${s.cmd}`).join('; ');
  const { stdout, stderr } = await virshRaw([batch]);
  if (/failed to connect to the hypervisor/i.test(stderr)) {
    throw new Error(`libvirt oracle: cannot reach libvirtd (run test/oracle/setup.sh): ${stderr.trim()}`);
  }
  const out = new Map<string, StepOutput>(steps.map((s) => [s.stage, { stdout: '', errors: [] }]));
  const markRe = /@@ORACLE:([a-z0-9-]+)@@/;
  const parts = stdout.split(markRe); // [before, stage1, text1, stage2, text2, ...]
  for (let i = 1; i + 1 < parts.length; i += 2) out.get(parts[i])!.stdout += parts[i + 1];
  let current: StepOutput | undefined;
  for (const line of stderr.split('\n')) {
    const m = markRe.exec(line);
    if (m) current = out.get(m[1]);
    else if (line.trim() && current) current.errors.push(line.replace(/^error: /, ''));
  }
  return out;
}

/** Unique object name; teardown.sh removes leftovers by the "oracle-" prefix. */
export function uniqueName(kind: string): string {
  return `oracle-${kind}-${randomBytes(5).toString('hex')}`;
}

/** Replaces (or inserts) the top-level <name> and drops top-level <uuid> of a network/domain XML. */
function renameTopLevel(xml: string, root: string, name: string): { xml: string; oldName: string } {
  let oldName = '';
  let out = xml.replace(/<name>([^<]*)<\/name>/, (_m, n: string) => {
    oldName = n.trim();
    return `<name>${name}</name>`;
  });
  if (!oldName) out = out.replace(new RegExp(`<${root}(\\s[^>]*)?>`), (m) => `${m}<name>${name}</name>`);
  // the first <uuid> of a network/domain document is its own (nested ones come later)
  out = out.replace(/<uuid>[^<]*<\/uuid>/, '');
  return { xml: out, oldName };
}

function withTmp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Puts the caller's names back and hides our temp paths in libvirt's text. */
function restoreNames(text: string, pairs: [string, string][], dir: string): string {
  let t = text
    .split(dir + '/')
    .join('')
    .replace(/\bport\d+\.xml\b/g, 'port.xml');
  for (const [unique, orig] of pairs) if (orig) t = t.split(unique).join(orig);
  return t;
}

function firstFailure(out: Map<string, StepOutput>, stages: string[]): { stage: string; error: string } | undefined {
  for (const s of stages) {
    const e = out.get(s)!.errors;
    if (e.length) return { stage: s, error: e.join('\n') };
  }
  return undefined;
}

/** Clean-up steps must succeed when the step that created the thing did; else we leak. */
function checkCleanup(out: Map<string, StepOutput>, pairs: [create: string, undo: string][]): void {
  for (const [create, undo] of pairs) {
    const c = out.get(create)!.errors;
    const u = out.get(undo)!.errors;
    if (!c.length && u.length) throw new Error(`libvirt oracle: clean-up '${undo}' failed: ${u.join(' / ')}`);
  }
}

/** true, or the reason the oracle cannot be used (callers skip with that message). */
/**
 * Skips test `t`, saying why on the console too, when the oracle cannot run (libvirt unreachable;
 * set-up's own reason first when run.sh's set-up failed). True when it skipped.
 */
export async function skippedWithoutLibvirt(t: TestContext): Promise<boolean> {
  const available = await libvirtAvailable();
  if (available === true) return false;
  const setup = process.env.ORACLE_SETUP_ERROR ? `set-up failed: ${process.env.ORACLE_SETUP_ERROR}; ` : '';
  const reason = `libvirt oracle not available: ${setup}${available}`;
  console.log(`SKIP ${reason}`);
  t.skip(reason);
  return true;
}

export async function libvirtAvailable(): Promise<boolean | string> {
  let r;
  try {
    r = await virshRaw(['list', '--all']);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (r.code === 127) return 'virsh not installed (run test/oracle/setup.sh as root)';
  if (r.code !== 0) return `libvirtd not answering on ${URI} (run test/oracle/setup.sh as root): ${r.stderr.trim().replace(/\s*\n\s*/g, ' / ')}`;
  const missing = [ORACLE_BRIDGE, ...ORACLE_NICS].filter((l) => !existsSync(`/sys/class/net/${l}`));
  if (missing.length) return `network links missing: ${missing.join(', ')} (run test/oracle/setup.sh)`;
  return true;
}

/**
 * Defines and starts the network under a unique name, creates the port on it and returns
 * libvirt's resolved port (net-port-dumpxml) and the live network XML; always cleans up.
 * On failure, `error` holds virsh's lines: "Failed to …" then libvirt's own message (last line).
 */
export async function resolvePort(networkXml: string, portXml: string): Promise<PortResult> {
  const r = await resolvePorts(networkXml, [portXml]);
  if (!r.ok) return r;
  const p = r.ports[0];
  return p.ok ? { ok: true, portXml: p.portXml, networkXml: r.networkXml } : { ...p, networkXml: r.networkXml };
}

export type PortOutcome = { ok: true; portXml: string } | { ok: false; error: string; stage: 'net-port-create' };
export type PortsResult = { ok: true; ports: PortOutcome[]; networkXml: string } | { ok: false; error: string; stage: 'net-define' | 'net-start' };

/**
 * Like resolvePort for several ports on one network start. `together` (default): the ports
 * coexist (created in order, deleted at the end), which shows how a device pool is shared or
 * exhausted. Otherwise each port is deleted before the next is created, so each one sees the
 * network as resolvePort would, while the network is started only once (that costs 0.1-0.7 s
 * for networks with a bridge of their own; a port costs ~10 ms).
 */
export async function resolvePorts(networkXml: string, portXmls: string[], opts: { together?: boolean } = {}): Promise<PortsResult> {
  const net = uniqueName('n');
  const { xml: netXml, oldName } = renameTopLevel(networkXml, 'network', net);
  const ports = portXmls.map((xml) => {
    // The port's own <uuid> (not the owner's) names it for dumpxml/delete; add one if missing.
    let uuid = /<uuid>([^<]+)<\/uuid>/.exec(xml.replace(/<owner>[\s\S]*?<\/owner>/, ''))?.[1]?.trim();
    if (!uuid) {
      const u = (uuid = randomUUID());
      xml = xml.replace(/<networkport(\s[^>]*)?>/, (m) => `${m}<uuid>${u}</uuid>`);
    }
    return { xml, uuid };
  });
  const together = opts.together ?? true;
  const deletePort = (i: number) => ({ stage: `net-port-delete-${i}`, cmd: `net-port-delete ${net} ${ports[i].uuid}` });
  return withTmp(async (dir) => {
    writeFileSync(join(dir, 'net.xml'), netXml);
    ports.forEach((p, i) => writeFileSync(join(dir, `port${i}.xml`), p.xml));
    const out = await runBatch([
      { stage: 'net-define', cmd: `net-define '${dir}/net.xml'` },
      { stage: 'net-start', cmd: `net-start ${net}` },
      { stage: 'net-dumpxml', cmd: `net-dumpxml ${net}` },
      ...ports.flatMap((p, i) => [
        { stage: `net-port-create-${i}`, cmd: `net-port-create ${net} '${dir}/port${i}.xml'` },
        { stage: `net-port-dumpxml-${i}`, cmd: `net-port-dumpxml ${net} ${p.uuid}` },
        ...(together ? [] : [deletePort(i)]),
      ]),
      ...(together ? ports.map((_p, i) => deletePort(i)) : []),
      { stage: 'net-destroy', cmd: `net-destroy ${net}` },
      { stage: 'net-undefine', cmd: `net-undefine ${net}` },
    ]);
    checkCleanup(out, [
      ...ports.map((_p, i): [string, string] => [`net-port-create-${i}`, `net-port-delete-${i}`]),
      ['net-start', 'net-destroy'],
      ['net-define', 'net-undefine'],
    ]);
    const fix = (t: string) => restoreNames(t, [[net, oldName]], dir).trim();
    const fail = firstFailure(out, ['net-define', 'net-start']);
    if (fail) return { ok: false, stage: fail.stage as 'net-define', error: fix(fail.error) };
    return {
      ok: true,
      networkXml: fix(out.get('net-dumpxml')!.stdout),
      ports: ports.map((_p, i): PortOutcome => {
        // a dump failure right after a successful create is reported with the create
        const f = firstFailure(out, [`net-port-create-${i}`, `net-port-dumpxml-${i}`]);
        return f ? { ok: false, stage: 'net-port-create', error: fix(f.error) } : { ok: true, portXml: fix(out.get(`net-port-dumpxml-${i}`)!.stdout) };
      }),
    };
  });
}

/**
 * resolvePort for many (network, port) pairs: pairs with the same network XML share one
 * network start (resolvePorts with together=false). Results are in input order.
 */
export async function resolvePortBatch(items: { networkXml: string; portXml: string }[]): Promise<PortResult[]> {
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => groups.set(it.networkXml, [...(groups.get(it.networkXml) ?? []), i]));
  const out = new Array<PortResult>(items.length);
  for (const [networkXml, idx] of groups) {
    const r = await resolvePorts(
      networkXml,
      idx.map((i) => items[i].portXml),
      { together: false },
    );
    idx.forEach((i, k) => {
      if (!r.ok) return void (out[i] = r);
      const p = r.ports[k];
      out[i] = p.ok ? { ok: true, portXml: p.portXml, networkXml: r.networkXml } : { ...p, networkXml: r.networkXml };
    });
  }
  return out;
}

/**
 * The <networkport> a domain's <interface type='network'> hands to the network driver
 * (libvirt: virDomainNetDefToNetworkPort): the interface's own portgroup name, mac,
 * virtualport, bandwidth, vlan, port isolation and trustGuestRxFilters, nothing merged yet.
 * Element order follows libvirt's formatter (virNetworkPortDefFormatBuf).
 *
 * libvirt's domain parser fills in missing virtualport ids of a type='network' interface
 * (VIR_VPORT_XML_GENERATE_MISSING_DEFAULTS): a random instanceid when the type is 802.1Qbg or
 * absent, a random interfaceid when it is openvswitch or absent. They take part in the merge
 * (a generated id can clash with one the network sets), so by default we do the same.
 */
export function networkPortXmlFor(
  iface: IfaceForPort,
  opts: { uuid?: string; ownerName?: string; ownerUuid?: string; generateMissing?: boolean } = {},
): string {
  const lines = [
    '<networkport>',
    `  <uuid>${opts.uuid ?? randomUUID()}</uuid>`,
    '  <owner>',
    `    <name>${opts.ownerName ?? 'vm'}</name>`,
    `    <uuid>${opts.ownerUuid ?? 'c7a5fdbd-edaf-9455-926a-d65c16db1809'}</uuid>`,
    '  </owner>',
  ];
  if (iface.portgroup !== undefined) lines.push(`  <group>${iface.portgroup}</group>`);
  lines.push(`  <mac address='${iface.mac}'/>`);
  let vport = iface.virtualportXml?.trim();
  if (vport && opts.generateMissing !== false) vport = withGeneratedIds(vport);
  for (const x of [vport, iface.bandwidthXml, iface.vlanXml]) if (x) lines.push('  ' + x.trim());
  if (iface.portIsolated) lines.push(`  <port isolated='${iface.portIsolated}'/>`);
  if (iface.trustGuestRxFilters) lines.push(`  <rxfilters trustGuest='${iface.trustGuestRxFilters}'/>`);
  lines.push('</networkport>');
  return lines.join('\n') + '\n';
}

/** Adds the ids the domain parser would generate to a <virtualport> element (see above). */
export function withGeneratedIds(vport: string): string {
  const type = /^<virtualport\b[^>]*\btype=['"]([^'"]+)['"]/.exec(vport)?.[1];
  const add: string[] = [];
  if ((!type || type === '802.1Qbg') && !/\binstanceid=/.test(vport)) add.push(`instanceid='${randomUUID()}'`);
  if ((!type || type === 'openvswitch') && !/\binterfaceid=/.test(vport)) add.push(`interfaceid='${randomUUID()}'`);
  if (!add.length) return vport;
  const attrs = ' ' + add.join(' ');
  if (/<parameters\b/.test(vport)) return vport.replace(/<parameters\b([^>]*?)\s*\/>/, `<parameters$1${attrs}/>`);
  if (/^<virtualport\b[^>]*\/>$/.test(vport)) return vport.replace(/\s*\/>$/, `><parameters${attrs}/></virtualport>`);
  return vport.replace(/<\/virtualport>$/, `<parameters${attrs}/></virtualport>`);
}

/** A minimal QEMU (TCG) domain: no disks, sits in the BIOS; enough for the network plumbing. */
export function tinyDomainXml(interfaceXml: string, name = 'vm'): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    ${interfaceXml.trim()}
  </devices>
</domain>
`;
}

/**
 * Defines the domain under a unique name, starts it, returns the live XML (virsh dumpxml) and
 * its <interface> elements, destroys+undefines it. Networks it uses must be running.
 * Start takes ~0.4 s, destroy ~1.5 s. Note: an interface that ends up with <bandwidth> fails
 * to start on this kernel (no sfq qdisc); use resolvePort for bandwidth.
 */
export async function startDomainAndDumpInterface(domainXml: string): Promise<DomainResult> {
  return domainBatch(domainXml, undefined);
}

/**
 * Like startDomainAndDumpInterface, but also defines+starts the network (unique name) and points
 * `<source network=…>` of the interface at it; the interface's network name must be the
 * network's <name>.
 */
export async function resolveDomainInterface(networkXml: string, interfaceXml: string): Promise<DomainResult> {
  return domainBatch(tinyDomainXml(interfaceXml), networkXml);
}

async function domainBatch(domainXml: string, networkXml: string | undefined): Promise<DomainResult> {
  const dom = uniqueName('d');
  const net = uniqueName('n');
  const renamedDom = renameTopLevel(domainXml, 'domain', dom);
  let domXml = renamedDom.xml;
  let netXml = '';
  let oldNet = '';
  if (networkXml !== undefined) {
    ({ xml: netXml, oldName: oldNet } = renameTopLevel(networkXml, 'network', net));
    domXml = domXml.replace(/(<source\b[^>]*\bnetwork=)(['"])([^'"]*)\2/g, (m, pre: string, q: string, n: string) =>
      n === oldNet ? `${pre}${q}${net}${q}` : m,
    );
  }
  return withTmp(async (dir) => {
    writeFileSync(join(dir, 'dom.xml'), domXml);
    const steps: Step[] = [];
    if (networkXml !== undefined) {
      writeFileSync(join(dir, 'net.xml'), netXml);
      steps.push({ stage: 'net-define', cmd: `net-define '${dir}/net.xml'` }, { stage: 'net-start', cmd: `net-start ${net}` });
    }
    steps.push(
      { stage: 'define', cmd: `define '${dir}/dom.xml'` },
      { stage: 'start', cmd: `start ${dom}` },
      { stage: 'dumpxml', cmd: `dumpxml ${dom}` },
      { stage: 'destroy', cmd: `destroy ${dom}` },
      { stage: 'undefine', cmd: `undefine ${dom}` },
    );
    if (networkXml !== undefined) {
      steps.push({ stage: 'net-destroy', cmd: `net-destroy ${net}` }, { stage: 'net-undefine', cmd: `net-undefine ${net}` });
    }
    const out = await runBatch(steps);
    const cleanup: [string, string][] = [
      ['start', 'destroy'],
      ['define', 'undefine'],
    ];
    if (networkXml !== undefined) cleanup.push(['net-start', 'net-destroy'], ['net-define', 'net-undefine']);
    checkCleanup(out, cleanup);
    const fix = (t: string) =>
      restoreNames(
        t,
        [
          [dom, renamedDom.oldName],
          [net, oldNet],
        ],
        dir,
      ).trim();
    const stages = networkXml !== undefined ? ['net-define', 'net-start', 'define', 'start', 'dumpxml'] : ['define', 'start', 'dumpxml'];
    const fail = firstFailure(out, stages);
    if (fail) {
      const stage = fail.stage === 'dumpxml' ? 'start' : (fail.stage as 'define');
      return { ok: false, stage, error: fix(fail.error) };
    }
    const liveXml = fix(out.get('dumpxml')!.stdout);
    return { ok: true, liveXml, interfaces: liveXml.match(/<interface\b[\s\S]*?<\/interface>/g) ?? [] };
  });
}

/** What libvirt does with a network file: refuses it at net-define, at net-start, or accepts it. */
export type NetworkLifecycle = { stage: 'accepted' } | { stage: 'net-define' | 'net-start'; error: string };

/**
 * Defines and starts the network, then destroys and undefines it (libvirt: networkDefineXMLFlags,
 * then networkStartNetwork). By default under a unique name (the caller's name is put back in
 * libvirt's messages); with `keepName` under its own, which must start with "oracle-" so that
 * teardown.sh can sweep a leftover. The network is named by a UUID of ours in every command, so
 * any name works on virsh's command line.
 */
export async function defineAndStartNetwork(networkXml: string, opts: { keepName?: boolean } = {}): Promise<NetworkLifecycle> {
  const uuid = randomUUID();
  let xml = networkXml;
  let pairs: [string, string][] = [];
  if (!opts.keepName) {
    const unique = uniqueName('n');
    const renamed = renameTopLevel(networkXml, 'network', unique);
    xml = renamed.xml;
    pairs = [[unique, renamed.oldName]];
  } else {
    xml = xml.replace(/<uuid>[^<]*<\/uuid>/, '');
  }
  xml = xml.replace(/<network(\s[^>]*)?>/, (m) => `${m}<uuid>${uuid}</uuid>`);
  return withTmp(async (dir) => {
    writeFileSync(join(dir, 'net.xml'), xml);
    const out = await runBatch([
      { stage: 'net-define', cmd: `net-define '${dir}/net.xml'` },
      { stage: 'net-start', cmd: `net-start ${uuid}` },
      { stage: 'net-destroy', cmd: `net-destroy ${uuid}` },
      { stage: 'net-undefine', cmd: `net-undefine ${uuid}` },
    ]);
    checkCleanup(out, [
      ['net-start', 'net-destroy'],
      ['net-define', 'net-undefine'],
    ]);
    const fail = firstFailure(out, ['net-define', 'net-start']);
    if (!fail) return { stage: 'accepted' };
    return { stage: fail.stage as 'net-define', error: restoreNames(fail.error, pairs, dir).trim() };
  });
}
