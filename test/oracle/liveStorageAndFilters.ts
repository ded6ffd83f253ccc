// What a running domain shows of its volume disks and network filters, read from the real libvirtd:
// the translated disk source is not in `virsh dumpxml` (libvirt keeps <source pool volume> there),
// so the path comes from `virsh domstats --block` (block.N.path) and the disk type from the driver
// of QEMU's storage node (`query-named-block-nodes`: file, host_device, vvfat, iscsi); each
// interface's filter binding from `virsh nwfilter-binding-dumpxml` (its filter and parameters).

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch, uniqueName } from './libvirtOracle';

export interface FilterBinding {
  readonly portdev: string;
  readonly filter: string;
  /** name → values, in libvirt's order. */
  readonly parameters: ReadonlyMap<string, readonly string[]>;
}

export type LiveDomain =
  | {
      readonly ok: true;
      /** block.N.path by disk target (vda). */
      readonly blockPaths: ReadonlyMap<string, string>;
      /** The driver of each `libvirt-N-storage` node, in node order. */
      readonly storageDrivers: readonly string[];
      readonly bindings: readonly FilterBinding[];
      /** `ebtables-save` while the domain ran: the bridge-level rules libvirt applied for its filters. */
      readonly ebtables: string;
    }
  | { readonly ok: false; readonly error: string };

/** Defines and starts the domain (under a unique name), reads what it runs, destroys and undefines it. */
export async function startAndObserve(domainXml: string): Promise<LiveDomain> {
  const name = uniqueName('d');
  const dir = mkdtempSync(join(tmpdir(), 'oracle-live-'));
  try {
    writeFileSync(join(dir, 'dom.xml'), domainXml.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`));
    const first = await runBatch([
      { stage: 'define', cmd: `define '${dir}/dom.xml'` },
      { stage: 'start', cmd: `start ${name}` },
      { stage: 'dumpxml', cmd: `dumpxml ${name}` },
      { stage: 'domstats', cmd: `domstats --block ${name}` },
      { stage: 'nodes', cmd: `qemu-monitor-command ${name} '{"execute":"query-named-block-nodes"}'` },
    ]);
    const started = (first.get('start')?.errors.length ?? 1) === 0;
    const defined = (first.get('define')?.errors.length ?? 1) === 0;
    if (!started) {
      if (defined) await runBatch([{ stage: 'undefine', cmd: `undefine ${name}` }]);
      const error = first.get('define')?.errors.join('\n') || first.get('start')?.errors.join('\n') || 'no answer';
      return { ok: false, error: error.replaceAll(name, 'vm') };
    }
    const ebtables = await ebtablesSave();
    const ports = [...(first.get('dumpxml')?.stdout ?? '').matchAll(/<target dev='([^']+)'\/>/g)].map((m) => m[1]).filter((dev) => !/^[sv]d[a-z]+$/.test(dev));
    const second = await runBatch([
      ...ports.map((port, i) => ({ stage: `binding-${i}`, cmd: `nwfilter-binding-dumpxml ${port}` })),
      { stage: 'destroy', cmd: `destroy ${name}` },
      { stage: 'undefine', cmd: `undefine ${name}` },
    ]);
    const bindings = ports.flatMap((port, i) => {
      const output = second.get(`binding-${i}`);
      return output && output.errors.length === 0 ? [readBinding(port, output.stdout)] : [];
    });
    return {
      ok: true,
      blockPaths: readBlockPaths(first.get('domstats')?.stdout ?? ''),
      storageDrivers: readStorageDrivers(first.get('nodes')?.stdout ?? ''),
      bindings,
      ebtables,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `block.0.name=vda` / `block.0.path=/…` pairs of `virsh domstats --block`. */
function readBlockPaths(stats: string): Map<string, string> {
  const names = new Map<string, string>();
  const paths = new Map<string, string>();
  for (const [, n, key, value] of stats.matchAll(/block\.(\d+)\.(name|path)=(.*)/g)) (key === 'name' ? names : paths).set(n, value.trim());
  return new Map([...names].flatMap(([n, target]) => (paths.has(n) ? [[target, paths.get(n) ?? '']] : [])));
}

/** The `drv` of each storage node (`libvirt-N-storage`) QEMU was given, from query-named-block-nodes. */
function readStorageDrivers(json: string): string[] {
  try {
    const answer = JSON.parse(json) as { return?: Array<{ 'node-name'?: string; drv?: string }> };
    return (answer.return ?? [])
      .filter((node) => /^libvirt-\d+-storage$/.test(node['node-name'] ?? ''))
      .sort((a, b) => (a['node-name'] ?? '').localeCompare(b['node-name'] ?? ''))
      .map((node) => node.drv ?? '');
  } catch {
    return [];
  }
}

function readBinding(portdev: string, xml: string): FilterBinding {
  const filter = /<filterref filter='([^']*)'/.exec(xml)?.[1] ?? '';
  const parameters = new Map<string, string[]>();
  for (const [, name, value] of xml.matchAll(/<parameter name='([^']*)' value='([^']*)'\/>/g)) parameters.set(name, [...(parameters.get(name) ?? []), value]);
  return { portdev, filter, parameters };
}

/** The host's ebtables rules (empty when ebtables-save is missing: the order is then not checkable). */
function ebtablesSave(): Promise<string> {
  return new Promise((resolve) => {
    execFile('ebtables-save', [], { timeout: 30_000 }, (error, stdout) => resolve(error ? '' : stdout));
  });
}

/**
 * The values that tell rules apart (`-s MAC`, `--ip-src ADDRESS`), chain by chain, in the order
 * ebtables holds them: `libvirt-O-vnet0` (the root chain of traffic into the guest) and
 * `O-vnet0-ipv4` (a sub-chain).
 */
export function ebtablesChains(save: string, portdev: string): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  for (const line of save.split('\n')) {
    const rule = /^-A (\S+) (.*)$/.exec(line.trim());
    if (!rule || !rule[1].includes(portdev)) continue;
    const value = /(?:^| )(?:-s|--ip-src) (\S+)/.exec(rule[2])?.[1];
    if (!value) continue;
    chains.set(rule[1], [...(chains.get(rule[1]) ?? []), value]);
  }
  return chains;
}
