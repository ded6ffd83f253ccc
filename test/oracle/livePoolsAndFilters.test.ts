// The language server follows a real libvirtd's pools, volumes and network filters
// (test/oracle/setup.sh): a pool defined and started from outside reaches an open domain through
// libvirt's pool lifecycle event; a volume created from outside, through the pool's refresh
// event (libvirt has no volume events); a filter defined from outside, when the Libvirt view's
// Refresh asks (libvirt has no network filter events).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { libvirtTreeMethod, type LibvirtTreeResult } from '../../protocol/src/libvirtTree';
import { LspSession } from '../protocol/lspSession';
import { libvirtAvailable } from './libvirtOracle';
import { run, sharedFolder, systemUri, virsh } from './liveHost';

const pool = 'oracle-live-pool';
const volume = 'oracle-live.img';
const filter = 'oracle-live-filter';
const poolFolder = path.join(os.tmpdir(), 'oracle-live-pool');
const guestText =
  `<domain type='qemu'>\n  <name>oracle-live-storage</name>\n  <memory unit='MiB'>64</memory>\n` +
  `  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n  <devices>\n` +
  `    <disk type='volume' device='disk'>\n      <source pool='${pool}' volume='${volume}'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n` +
  `    <interface type='network'>\n      <source network='default'/>\n      <filterref filter='${filter}'/>\n    </interface>\n` +
  `  </devices>\n</domain>\n`;

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));

async function removeAll(): Promise<void> {
  const env = { ...process.env, LC_ALL: 'C' };
  const quiet = (...args: string[]) => run('virsh', ['-q', '-c', systemUri, ...args], { env });
  await quiet('vol-delete', '--pool', pool, volume);
  await quiet('pool-destroy', pool);
  await quiet('pool-undefine', pool);
  await quiet('nwfilter-undefine', filter);
  rmSync(poolFolder, { recursive: true, force: true });
}

/** virsh reads the definition from a file, as an administrator's would. */
async function defineFrom(command: string, xml: string): Promise<void> {
  const folder = sharedFolder({ 'object.xml': xml });
  try {
    await virsh(command, path.join(folder, 'object.xml'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('live pools, volumes and network filters (LSP, as root)', async () => {
  const available = await libvirtAvailable();
  const skip = available === true ? false : `libvirt is not available: ${available}`;
  let session: LspSession;
  let folder: string;
  let guestUri: string;

  before(async () => {
    if (skip) return;
    await removeAll();
    folder = sharedFolder({ 'guest.xml': guestText });
    guestUri = pathToFileURL(path.join(folder, 'guest.xml')).href;
    session = await LspSession.start({ workspaceFolder: folder, settings: { connections: [systemUri] } });
    await session.open(guestUri, guestText);
  });

  after(async () => {
    if (skip) return;
    await session?.stop();
    await removeAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('follows a pool defined and started from outside (its lifecycle events)', { skip }, async (t) => {
    await session.diagnosticsFor(guestUri, 'pool and filter unknown', (p) => codes(p).includes('unknown-pool') && codes(p).includes('unknown-filter'));
    // An empty pool: once active, its volumes are listed (none), so the volume is missing.
    mkdirSync(poolFolder, { recursive: true });
    const started = performance.now();
    const arrival = session.diagnosticsArrival((p) => p.uri === guestUri && !codes(p).includes('unknown-pool') && codes(p).includes('unknown-volume'));
    await defineFrom('pool-define', `<pool type='dir'>\n  <name>${pool}</name>\n  <target><path>${poolFolder}</path></target>\n</pool>\n`);
    await virsh('pool-start', pool);
    t.diagnostic(`pool-define + pool-start → diagnostics: ${Math.round((await arrival) - started)} ms`);
  });

  it('follows a volume created from outside when the pool is refreshed (libvirt has no volume events)', { skip }, async (t) => {
    await virsh('vol-create-as', pool, volume, '1M');
    const started = performance.now();
    const arrival = session.diagnosticsArrival((p) => p.uri === guestUri && !codes(p).includes('unknown-volume'));
    await virsh('pool-refresh', pool);
    t.diagnostic(`pool-refresh → diagnostics: ${Math.round((await arrival) - started)} ms`);
  });

  it("reads a filter defined from outside when the Libvirt view's Refresh asks (libvirt has no filter events), and lists it", { skip }, async () => {
    await defineFrom('nwfilter-define', `<filter name='${filter}' chain='ipv4'>\n  <rule action='accept' direction='in'><all/></rule>\n</filter>\n`);
    const arrival = session.diagnosticsArrival((p) => p.uri === guestUri && !codes(p).includes('unknown-filter'));
    const { result } = await session.timedRequest<LibvirtTreeResult>(libvirtTreeMethod, { reread: true });
    await arrival;
    const [system] = result.connections;
    assert.ok(
      system.filters.some((node) => node.name === filter && node.chain === 'ipv4' && node.rules === 1),
      JSON.stringify(system.filters.map((node) => node.name)),
    );
    const listed = system.pools.find((node) => node.name === pool);
    assert.deepEqual(
      [listed?.state, listed?.volumes.map((node) => [node.name, node.usedBy])],
      ['active', [[volume, 0]]],
      'the pool, active, with its volume (the guest is a workspace file, not one of the connection’s domains)',
    );
  });
});
