// The storage and nwfilter oracle: a dir pool with a volume and a few network filters are defined
// on the real libvirtd, then QEMU domains that use them (right and misspelled references, a chain
// with a missing filter, missing filter variables) are started, and each outcome is compared with
// our findings on the same objects as files. They must agree:
//   started          ⇔ no error of ours on the domain;
//   refused at start ⇔ one of our errors carries libvirt's message, word for word.
// Filter definitions are judged the same way at nwfilter-define (a loop is refused there).
// Each domain that starts is also compared with what it runs (liveStorageAndFilters.ts): every
// volume disk's path and disk type with our resolved status of it, every interface's filter
// binding (its filter and parameters, virsh nwfilter-binding-dumpxml) with our filter chain's.
// Without libvirt the test is SKIPPED with the reason; it never passes silently.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFindings } from '../../server/src/findings/documentFindings';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { parseLibvirtDocument } from '../../server/src/model/libvirtDocument';
import { getLanguageService } from '../../server/src/services/languageService';
import { skippedWithoutLibvirt, runBatch, tinyDomainXml, uniqueName, type Step } from './libvirtOracle';
import { ebtablesChains, startAndObserve, type LiveDomain } from './liveStorageAndFilters';
import type { FilterChainStatus } from '../../protocol/src/messages';

interface Names {
  readonly pool: string;
  readonly child: string;
  readonly top: string;
  readonly given: string;
  readonly dangling: string;
  readonly list: string;
}

/** The filters, by name, as defined on the host and as files. */
function filterTexts(n: Names): Record<string, string> {
  return {
    [n.child]: `<filter name='${n.child}' chain='root'><rule action='accept' direction='out'><ip srcipaddr='$IP'/></rule><rule action='accept' direction='in'><ip dstipaddr='$DEST'/></rule></filter>`,
    [n.top]: `<filter name='${n.top}' chain='root'><filterref filter='${n.child}'/></filter>`,
    [n.given]: `<filter name='${n.given}' chain='root'><filterref filter='${n.child}'><parameter name='DEST' value='10.0.0.9'/></filterref></filter>`,
    [n.dangling]: `<filter name='${n.dangling}' chain='root'><filterref filter='${n.dangling}-nosuch'/></filter>`,
    [n.list]: `<filter name='${n.list}' chain='root'><rule action='accept' direction='in'><ip dstipaddr='$DEST[1]'/></rule></filter>`,
    // Priorities: a sub-chain's rule below its chain's priority is raised to it; the root chain's
    // rules are sorted by priority, ties in document order (ebiptablesApplyNewRules).
    [`${n.child}-v4`]: `<filter name='${n.child}-v4' chain='ipv4' priority='-650'><rule action='accept' direction='in' priority='-900'><ip srcipaddr='10.1.1.1'/></rule><rule action='drop' direction='in'><ip srcipaddr='10.1.1.2'/></rule></filter>`,
    [`${n.child}-order`]: `<filter name='${n.child}-order' chain='root'><rule action='accept' direction='in' priority='700'><mac srcmacaddr='52:54:00:00:00:01'/></rule><filterref filter='${n.child}-v4'/><rule action='drop' direction='in' priority='-100'><mac srcmacaddr='52:54:00:00:00:02'/></rule><rule action='accept' direction='in' priority='-100'><mac srcmacaddr='52:54:00:00:00:03'/></rule></filter>`,
  };
}

interface DomainCase {
  readonly id: string;
  readonly devices: string;
}

function domainCases(n: Names): DomainCase[] {
  const disk = (source: string) => `<disk type='volume' device='disk'><source ${source}/><target dev='vda' bus='virtio'/></disk>`;
  const nic = (filterref: string) =>
    `<interface type='bridge'><mac address='52:54:00:5a:17:01'/><source bridge='br0'/><model type='virtio'/>${filterref}</interface>`;
  const param = (name: string, value: string) => `<parameter name='${name}' value='${value}'/>`;
  return [
    { id: 'volume', devices: disk(`pool='${n.pool}' volume='disk1.img'`) },
    { id: 'volume-path-from-pool', devices: disk(`pool='${n.pool}' volume='disk3.img'`) },
    {
      id: 'volume-and-filter-chain',
      devices: `${disk(`pool='${n.pool}' volume='disk1.img'`)}${nic(`<filterref filter='${n.given}'>${param('IP', '10.0.0.5')}${param('IP', '10.0.0.6')}</filterref>`)}`,
    },
    { id: 'misspelled-pool', devices: disk(`pool='${n.pool}x' volume='disk1.img'`) },
    { id: 'misspelled-volume', devices: disk(`pool='${n.pool}' volume='disk2.img'`) },
    { id: 'mode-on-dir-pool', devices: disk(`pool='${n.pool}' volume='disk1.img' mode='host'`) },
    { id: 'filter-chain', devices: nic(`<filterref filter='${n.top}'>${param('DEST', '10.0.0.1')}</filterref>`) },
    { id: 'misspelled-filter', devices: nic(`<filterref filter='${n.top}x'/>`) },
    { id: 'chain-missing-filter', devices: nic(`<filterref filter='${n.dangling}'/>`) },
    { id: 'missing-variable', devices: nic(`<filterref filter='${n.top}'/>`) },
    { id: 'missing-ip-no-learning', devices: nic(`<filterref filter='${n.top}'>${param('DEST', '10.0.0.1')}${param('CTRL_IP_LEARNING', 'none')}</filterref>`) },
    { id: 'missing-two-no-learning', devices: nic(`<filterref filter='${n.top}'>${param('CTRL_IP_LEARNING', 'none')}</filterref>`) },
    { id: 'variable-from-filterref', devices: nic(`<filterref filter='${n.given}'/>`) },
    { id: 'list-too-short', devices: nic(`<filterref filter='${n.list}'>${param('DEST', '10.0.0.1')}</filterref>`) },
    { id: 'rule-order', devices: nic(`<filterref filter='${n.child}-order'/>`) },
    { id: 'list-long-enough', devices: nic(`<filterref filter='${n.list}'>${param('DEST', '10.0.0.1')}${param('DEST', '10.0.0.2')}</filterref>`) },
  ];
}

type Outcome = 'agree' | 'disagree';

/** libvirt's own message: the last line of virsh's error ("Failed to start domain …" comes first). */
function libvirtMessage(error: string): string {
  const lines = error.split('\n').filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim();
}

function judge(errors: readonly string[], libvirt: { ok: true } | { ok: false; error: string }): { outcome: Outcome; detail: string } {
  const ours = errors.join(' | ') || '(no error)';
  if (libvirt.ok) return errors.length === 0 ? { outcome: 'agree', detail: '' } : { outcome: 'disagree', detail: `libvirt accepted it; ours: ${ours}` };
  const message = libvirtMessage(libvirt.error);
  return errors.some((error) => error.includes(message))
    ? { outcome: 'agree', detail: '' }
    : { outcome: 'disagree', detail: `libvirt refused it: ${message}; ours: ${ours}` };
}

/** Our errors on a document, in a workspace of the given files (URI → text). */
function ourErrors(uri: string, files: Readonly<Record<string, string>>): string[] {
  const index = new WorkspaceIndex();
  for (const [fileUri, text] of Object.entries(files)) index.update(parseLibvirtDocument(fileUri, text));
  const document = index.get(uri);
  if (!document || !('xml' in document)) throw new Error(`no document ${uri}`);
  return computeFindings(document, index)
    .filter((finding) => finding.severity === 'error')
    .map((finding) => `${finding.code}: ${finding.message}`);
}

test('pools, volumes and network filters: our check vs. domain start on a real libvirt', { timeout: 5 * 60_000 }, async (t) => {
  if (await skippedWithoutLibvirt(t)) return;
  const started = Date.now();
  const n: Names = {
    pool: uniqueName('p'),
    child: uniqueName('f'),
    top: uniqueName('f'),
    given: uniqueName('f'),
    dangling: uniqueName('f'),
    list: uniqueName('f'),
  };
  const dir = mkdtempSync(join(tmpdir(), 'oracle-pool-'));
  chmodSync(dir, 0o755); // QEMU runs as libvirt-qemu: it must reach the volume under it
  const filters = filterTexts(n);
  const poolXml = `<pool type='dir'><name>${n.pool}</name><target><path>${dir}/images</path></target></pool>`;
  writeFileSync(join(dir, 'pool.xml'), poolXml);
  for (const [name, text] of Object.entries(filters)) writeFileSync(join(dir, `${name}.xml`), text);
  const defined: string[] = []; // filters the define cases left defined
  const setupSteps: Step[] = [
    { stage: 'pool-define', cmd: `pool-define '${dir}/pool.xml'` },
    { stage: 'pool-build', cmd: `pool-build ${n.pool}` },
    { stage: 'pool-start', cmd: `pool-start ${n.pool}` },
    { stage: 'vol-create', cmd: `vol-create-as ${n.pool} disk1.img 1M --format raw` },
    { stage: 'vol-dumpxml', cmd: `vol-dumpxml --pool ${n.pool} disk1.img` },
    { stage: 'vol-create-3', cmd: `vol-create-as ${n.pool} disk3.img 1M --format raw` },
    ...Object.keys(filters).map((name, i) => ({ stage: `filter-${i}`, cmd: `nwfilter-define '${dir}/${name}.xml'` })),
  ];
  try {
    const setup = await runBatch(setupSteps);
    const failed = [...setup].filter(([, output]) => output.errors.length > 0);
    assert.deepEqual(failed, [], 'setting up the pool, volume and filters');
    // Our side: the same objects as files; the volume as libvirt reports it, in its pool's folder.
    const files: Record<string, string> = {
      [`file:///oracle/storage/${n.pool}.xml`]: poolXml,
      [`file:///oracle/storage/${n.pool}/disk1.img.xml`]: setup.get('vol-dumpxml')?.stdout ?? '',
      // A volume file without <target><path>: the path is the pool's target path and the name.
      [`file:///oracle/storage/${n.pool}/disk3.img.xml`]: `<volume><name>disk3.img</name><capacity>1</capacity></volume>`,
    };
    for (const [name, text] of Object.entries(filters)) files[`file:///oracle/nwfilter/${name}.xml`] = text;
    const lines: string[] = [];
    let disagreements = 0;
    let liveCount = 0;
    for (const c of domainCases(n)) {
      const domainXml = tinyDomainXml(c.devices, 'oracle-guest');
      const libvirt = await startAndObserve(domainXml);
      const uri = 'file:///oracle/domains/guest.xml';
      const verdict = judge(ourErrors(uri, { ...files, [uri]: domainXml }), libvirt.ok ? { ok: true } : { ok: false, error: libvirt.error });
      if (verdict.outcome === 'disagree') disagreements++;
      lines.push(`${verdict.outcome.padEnd(8)} ${c.id}${verdict.detail ? `\n      ${verdict.detail}` : ''}`);
      for (const live of liveComparisons(uri, { ...files, [uri]: domainXml }, libvirt)) {
        liveCount++;
        if (live.outcome === 'disagree') disagreements++;
        lines.push(`${live.outcome.padEnd(8)} ${c.id} (running: ${live.what})${live.detail ? `\n      ${live.detail}` : ''}`);
      }
    }
    for (const c of defineCases(n)) {
      const result = await defineFilter(dir, c);
      const uri = `file:///oracle/nwfilter/${c.name}.xml`;
      const verdict = judge(ourErrors(uri, { ...files, [uri]: c.text }), result);
      // What libvirt accepted stays defined, and is a file for the next case.
      if (result.ok) {
        defined.push(c.name);
        files[uri] = c.text;
      }
      if (verdict.outcome === 'disagree') disagreements++;
      lines.push(`${verdict.outcome.padEnd(8)} ${c.id}${verdict.detail ? `\n      ${verdict.detail}` : ''}`);
    }
    const cases = domainCases(n).length + defineCases(n).length + liveCount;
    t.diagnostic(
      `storage and nwfilter oracle: ${cases} cases, ${cases - disagreements} agree, 0 not checkable, ${disagreements} disagree (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const line of lines) t.diagnostic(line);
    assert.equal(disagreements, 0, lines.filter((line) => line.startsWith('disagree')).join('\n'));
  } finally {
    const undo: Step[] = [
      ...[...Object.keys(filters), ...defined].reverse().map((name, i) => ({ stage: `undefine-${i}`, cmd: `nwfilter-undefine ${name}` })),
      { stage: 'vol-delete', cmd: `vol-delete --pool ${n.pool} disk1.img` },
      { stage: 'vol-delete-3', cmd: `vol-delete --pool ${n.pool} disk3.img` },
      { stage: 'pool-destroy', cmd: `pool-destroy ${n.pool}` },
      { stage: 'pool-delete', cmd: `pool-delete ${n.pool}` },
      { stage: 'pool-undefine', cmd: `pool-undefine ${n.pool}` },
    ];
    await runBatch(undo);
    rmSync(dir, { recursive: true, force: true });
  }
});

interface DefineCase {
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

/**
 * Filters defined one after another: one that would close a loop is refused at nwfilter-define
 * (virNWFilterObjListDefLoopDetect); one naming a filter nobody defined yet is not.
 */
function defineCases(n: Names): DefineCase[] {
  const [a, b, self] = [`${n.child}-a`, `${n.child}-b`, `${n.child}-self`];
  return [
    { id: 'define-self-loop', name: self, text: `<filter name='${self}' chain='root'><filterref filter='${self}'/></filter>` },
    { id: 'define-dangling-reference', name: a, text: `<filter name='${a}' chain='root'><filterref filter='${b}'/></filter>` },
    { id: 'define-closing-a-loop', name: b, text: `<filter name='${b}' chain='root'><filterref filter='${a}'/></filter>` },
  ];
}

/** nwfilter-define of one filter: accepted or libvirt's error. */
async function defineFilter(dir: string, c: DefineCase): Promise<{ ok: true } | { ok: false; error: string }> {
  writeFileSync(join(dir, `${c.name}.xml`), c.text);
  const out = await runBatch([{ stage: 'define', cmd: `nwfilter-define '${dir}/${c.name}.xml'` }]);
  const errors = out.get('define')?.errors ?? [];
  return errors.length > 0 ? { ok: false, error: errors.join('\n') } : { ok: true };
}

/** The disk type libvirt runs → the driver it gives QEMU's storage node (qemuBlockStorageSourceGetBackendProps). */
const storageDriverOf: Readonly<Record<string, string>> = { file: 'file', block: 'host_device', dir: 'vvfat', network: 'iscsi' };

/**
 * A started domain against our resolved status of the same text: each volume disk's path
 * (domstats) and type (QEMU's storage driver), each interface's filter binding (filter and
 * parameters, sorted by name as libvirt prints them).
 */
function liveComparisons(uri: string, files: Readonly<Record<string, string>>, live: LiveDomain): Array<{ what: string; outcome: Outcome; detail: string }> {
  if (!live.ok) return [];
  const index = new WorkspaceIndex();
  for (const [fileUri, text] of Object.entries(files)) index.update(parseLibvirtDocument(fileUri, text));
  const document = index.get(uri);
  if (!document) throw new Error(`no document ${uri}`);
  const status = getLanguageService().getResolvedStatus(document, index);
  const results: Array<{ what: string; outcome: Outcome; detail: string }> = [];
  (status.volumeDisks ?? []).forEach((disk, at) => {
    const ours = `${disk.actualType ?? '?'} ${disk.path ?? '?'}`;
    const theirs = `${live.storageDrivers[at] ?? '?'} ${live.blockPaths.get(disk.target ?? '') ?? '?'}`;
    const same = live.blockPaths.get(disk.target ?? '') === disk.path && live.storageDrivers[at] === storageDriverOf[disk.actualType ?? ''];
    results.push({ what: `disk ${disk.target ?? at}`, outcome: same ? 'agree' : 'disagree', detail: same ? '' : `ours: ${ours}; libvirt: ${theirs}` });
  });
  for (const iface of status.interfaces) {
    const chain = iface.filterChain;
    if (!chain) continue;
    const binding = live.bindings[0];
    const ours = `${chain.filter} ${chain.parameters.map((p) => `${p.name}=${p.values.join(',')}`).join(' ')}`;
    const theirs = binding ? `${binding.filter} ${[...binding.parameters].map(([name, values]) => `${name}=${values.join(',')}`).join(' ')}` : '(no binding)';
    results.push({
      what: `filter binding of interface ${iface.index}`,
      outcome: ours === theirs ? 'agree' : 'disagree',
      detail: ours === theirs ? '' : `ours: ${ours}; libvirt: ${theirs}`,
    });
    const order = ruleOrder(chain, binding?.portdev ?? '', live.ebtables);
    if (order) results.push({ what: `rule order of interface ${iface.index}`, ...order });
  }
  return results;
}

/**
 * Our order of a chain's bridge-level rules (those with a literal `srcmacaddr` / `srcipaddr`,
 * traffic into the guest) against the order ebtables holds them in, chain by chain. Undefined when
 * the chain has none (nothing to compare).
 */
function ruleOrder(chain: FilterChainStatus, portdev: string, ebtables: string): { outcome: Outcome; detail: string } | undefined {
  const ours = new Map<string, string[]>();
  for (const rule of chain.rules) {
    const literal = rule.match.find((m) => (m.name === 'srcmacaddr' || m.name === 'srcipaddr') && m.values === undefined)?.written;
    if (!literal || rule.direction !== 'in') continue;
    const name = rule.chain === 'root' ? `libvirt-O-${portdev}` : `O-${portdev}-${rule.chain}`;
    ours.set(name, [...(ours.get(name) ?? []), literal]);
  }
  if (ours.size === 0) return undefined;
  const theirs = ebtablesChains(ebtables, portdev);
  const text = (chains: Map<string, string[]>) =>
    [...chains]
      .map(([name, values]) => `${name}: ${values.join(' ')}`)
      .sort()
      .join('; ');
  return text(ours) === text(theirs) ? { outcome: 'agree', detail: '' } : { outcome: 'disagree', detail: `ours: ${text(ours)}; ebtables: ${text(theirs)}` };
}
