/**
 * A connection's storage pools, volumes and network filters in the Libvirt view, against the
 * host's system libvirtd (`qemu:///system`, which CI starts with test/oracle/setup.sh): the tree
 * lists a pool with its volume and a filter; they open as read-only `libvirt:` documents; a pool
 * stopped and started outside the editor reaches the tree through libvirt's pool events; a
 * filter defined outside appears on Refresh (libvirt has no filter events). Skipped, saying why,
 * when the daemon does not answer or refuses a define.
 *
 * Everything it defines is named oracle-sview-it-* and removed at the end.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { LibvirtViewItem, LibvirtXmlTestApi } from '../../../client/src/testApi';
import { libvirtViewCommands } from '../../../client/src/libvirtView/libvirtViewIdentifiers';
import { setConnections, testApi, waitFor } from '../helpers';
import { connectionUnavailable, defineFrom, virsh } from '../virsh';

const system = 'qemu:///system';
const pool = 'oracle-sview-it-pool';
const volume = 'oracle-sview-it.img';
const filter = 'oracle-sview-it-filter';
const later = 'oracle-sview-it-later';
const poolFolder = path.join(os.tmpdir(), pool);

const poolXml = `<pool type='dir'>\n  <name>${pool}</name>\n  <target><path>${poolFolder}</path></target>\n</pool>\n`;
const filterXml = (name: string) => `<filter name='${name}' chain='ipv4'>\n  <rule action='accept' direction='in'><all/></rule>\n</filter>\n`;

async function removeAll(): Promise<void> {
  await virsh(system, 'vol-delete', '--pool', pool, volume);
  await virsh(system, 'pool-destroy', pool);
  await virsh(system, 'pool-undefine', pool);
  for (const name of [filter, later]) await virsh(system, 'nwfilter-undefine', name);
  fs.rmSync(poolFolder, { recursive: true, force: true });
}

suite('the Libvirt view: pools, volumes and filters (qemu:///system)', function () {
  let api: LibvirtXmlTestApi;
  let defined = false;

  const item = (names: string[]) => api.getLibvirtViewItems().find((candidate) => candidate.path.join('/') === names.join('/'));
  const waitForItem = async (what: string, names: string[], accept: (found: LibvirtViewItem) => boolean, timeoutMs = 20_000): Promise<LibvirtViewItem> =>
    (await waitFor(
      what,
      () => item(names),
      (found) => found !== undefined && accept(found),
      timeoutMs,
      20,
    )) as LibvirtViewItem;

  suiteSetup(async function () {
    this.timeout(60_000);
    const unavailable = await connectionUnavailable(system);
    if (unavailable) {
      console.log(`[libvirt storage view] SKIPPED: ${unavailable}. Start libvirtd (test/oracle/setup.sh does) to run this suite.`);
      this.skip();
    }
    await removeAll();
    fs.mkdirSync(poolFolder, { recursive: true });
    const result = await defineFrom(system, 'pool-define', poolXml);
    if (!result.ok) {
      console.log(`[libvirt storage view] SKIPPED: cannot define a pool on ${system} (${result.error}); run as root or in the 'libvirt' group.`);
      this.skip();
    }
    defined = true;
    for (const step of [
      ['pool-start', pool],
      ['vol-create-as', pool, volume, '1M'],
    ]) {
      const done = await virsh(system, ...step);
      assert.ok(done.ok, done.error);
    }
    const defineFilter = await defineFrom(system, 'nwfilter-define', filterXml(filter));
    assert.ok(defineFilter.ok, defineFilter.error);
    api = await testApi();
    await setConnections([system]);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (defined) await removeAll();
    await setConnections([]);
  });

  test('the tree lists the pool with its volume, and the filter, marked read-only', async () => {
    const listed = await waitForItem('the pool', [system, 'Storage Pools', pool], (i) => i.description.startsWith('active'));
    assert.equal(listed.description, `active · dir (${poolFolder}) · 1 volume`);
    assert.deepEqual([listed.icon, listed.contextValue], ['database', 'libvirtPool']);
    const disk = item([system, 'Storage Pools', pool, volume]);
    assert.deepEqual([disk?.description, disk?.contextValue], ['file · raw', 'libvirtVolume']);
    const shield = await waitForItem('the filter', [system, 'Network Filters', filter], () => true);
    assert.deepEqual([shield.description, shield.icon], ['chain ipv4 · 1 rule', 'shield']);
    assert.match(item([system, 'Storage Pools'])?.description ?? '', / · read-only$/);
  });

  test('a volume and a filter open as read-only libvirt: documents, with libvirt’s definition', async () => {
    for (const [names, uri, name] of [
      [[system, 'Storage Pools', pool, volume], `libvirt://system/volume/${pool}/${volume}.xml`, volume],
      [[system, 'Network Filters', filter], `libvirt://system/nwfilter/${filter}.xml`, filter],
    ] as const) {
      const found = await waitForItem(uri, [...names], () => true);
      await vscode.commands.executeCommand(libvirtViewCommands.openXml, found.element);
      const editor = await waitFor(
        `an editor on ${uri}`,
        () => vscode.window.activeTextEditor,
        (e) => e?.document.uri.toString() === uri && e.document.getText().includes(name),
        10_000,
        10,
      );
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
      assert.equal(stat.permissions, vscode.FilePermission.Readonly, `${uri} is read-only`);
      assert.ok(
        editor?.document
          .getText()
          .trimStart()
          .startsWith(uri.includes('/volume/') ? '<volume' : '<filter'),
      );
    }
  });

  test("a pool stopped and started outside the editor: the tree follows libvirt's pool events", async () => {
    const stopped = Date.now();
    assert.ok((await virsh(system, 'pool-destroy', pool)).ok);
    await waitForItem('the pool inactive', [system, 'Storage Pools', pool], (i) => i.description.startsWith('inactive'), 10_000);
    const stopMs = Date.now() - stopped;
    assert.equal(item([system, 'Storage Pools', pool])?.description, `inactive · dir (${poolFolder}) · volumes not listed`);
    const started = Date.now();
    assert.ok((await virsh(system, 'pool-start', pool)).ok);
    await waitForItem('the pool active with its volume', [system, 'Storage Pools', pool], (i) => i.description.endsWith('1 volume'), 10_000);
    console.log(`[libvirt storage view] pool-destroy → the tree in ${stopMs} ms; pool-start → the tree in ${Date.now() - started} ms`);
  });

  test('a filter defined outside the editor appears on Refresh (libvirt has no filter events)', async () => {
    const result = await defineFrom(system, 'nwfilter-define', filterXml(later));
    assert.ok(result.ok, result.error);
    await vscode.commands.executeCommand(libvirtViewCommands.refresh);
    await waitForItem('the new filter', [system, 'Network Filters', later], () => true, 10_000);
  });
});
