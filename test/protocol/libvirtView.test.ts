// The Libvirt view's requests over LSP, against libvirt's test driver (a host read from a file
// inside each virsh process: virsh is needed, no daemon): the tree of a connection with its
// objects' states, its pools and volumes (the test driver has no network filters), an object's
// text with why it cannot be saved, a define refused as read-only, and the comparison of a running domain with its prediction. Skipped, saying why, without virsh.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { defineLibvirtObjectMethod, type DefineLibvirtObjectResult } from '../../protocol/src/libvirtDefine';
import { libvirtTreeChangedMethod, libvirtTreeMethod, type LibvirtTreeResult } from '../../protocol/src/libvirtTree';
import { compareWithLiveMethod, type CompareWithLiveResult } from '../../protocol/src/liveComparison';
import { libvirtObjectTextMethod, type LibvirtObjectTextResult } from '../../protocol/src/messages';
import { LspSession } from './lspSession';

const host = `<node>
  <pool type='dir'>
    <name>images</name>
    <uuid>6b1c7f5e-2a55-4b5e-9d7e-2f3c2b8b6a03</uuid>
    <target><path>/images</path></target>
    <volume type='file'>
      <name>disk1.img</name>
      <capacity unit='MiB'>1</capacity>
      <target><path>/images/disk1.img</path><format type='raw'/></target>
    </volume>
  </pool>
  <network>
    <name>lab</name>
    <uuid>6b1c7f5e-2a55-4b5e-9d7e-2f3c2b8b6a01</uuid>
    <forward mode='nat'/>
    <bridge name='virbr-lab'/>
    <ip address='192.168.200.1' netmask='255.255.255.0'/>
    <portgroup name='quiet' default='yes'/>
    <portgroup name='loud'/>
  </network>
  <domain type='test'>
    <name>guest</name>
    <uuid>6b1c7f5e-2a55-4b5e-9d7e-2f3c2b8b6a02</uuid>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <devices>
      <interface type='network'>
        <mac address='52:54:00:4c:58:01'/>
        <source network='lab'/>
      </interface>
      <interface type='network'>
        <mac address='52:54:00:4c:58:02'/>
        <source network='lab' portgroup='lowd'/>
      </interface>
      <graphics type='vnc' port='-1' passwd='s3cret'/>
    </devices>
  </domain>
</node>
`;

const virsh = spawnSync('virsh', ['--version'], { encoding: 'utf8' });
const skip = virsh.status === 0 ? false : `'virsh --version' failed (${virsh.error?.message ?? virsh.stderr}): install libvirt-clients`;

describe('the Libvirt view over LSP (libvirt’s test driver)', { skip }, () => {
  let folder: string;
  let connection: string;
  let session: LspSession;
  let treeChanges = 0;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'libvirt-view-'));
    writeFileSync(path.join(folder, 'host.xml'), host);
    connection = `test://${path.join(folder, 'host.xml')}`;
    session = await LspSession.start({
      workspaceFolder: folder,
      settings: { connections: [connection], networkPaths: [folder] },
      onInitialized: (s) => s.onNotification(libvirtTreeChangedMethod, () => void treeChanges++),
    });
  });
  after(async () => {
    await session?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const tree = () => session.timedRequest<LibvirtTreeResult>(libvirtTreeMethod, {});

  it('lists the connection with its networks and domains, their states, portgroups with their users, and interface problems', async () => {
    const { result } = await session.eventually('the connection read', async () => {
      const answer = await tree();
      return answer.result.connections[0]?.domains.length === 1 ? answer : undefined;
    });
    assert.ok(treeChanges > 0, 'the server said the tree changed');
    const [system] = result.connections;
    assert.equal(system.uri, connection);
    assert.equal(system.state, 'ready');
    assert.match(system.readOnly ?? '', /test driver, which keeps no change/);
    const [lab] = system.networks;
    assert.deepEqual(
      { name: lab.name, uri: lab.uri, state: lab.state, forwardMode: lab.forwardMode, bridge: lab.bridge },
      { name: 'lab', uri: `libvirt://${system.label}/network/lab.xml`, state: 'active', forwardMode: 'nat', bridge: 'virbr-lab' },
    );
    assert.deepEqual(
      lab.portgroups.map((group) => [group.name, group.isDefault, group.usedBy, group.usedByDomains]),
      [
        ['quiet', true, 1, ['guest']],
        ['loud', false, 0, []],
      ],
    );
    const [guest] = system.domains;
    assert.equal(guest.state, 'running');
    assert.deepEqual(
      guest.interfaces.map((iface) => [iface.mac, iface.network, iface.portgroup, iface.portgroupHow, iface.problems.map((p) => p.code)]),
      [
        ['52:54:00:4c:58:01', 'lab', 'quiet', 'default', []],
        ['52:54:00:4c:58:02', 'lab', 'lowd', 'unknown', ['unknown-portgroup']],
      ],
    );
  });

  it("gives an object's text with why saving cannot define it", async () => {
    const { result } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: await firstNetworkUri() });
    assert.match(result.text ?? '', /<name>lab<\/name>/);
    assert.match(result.readOnly ?? '', /test driver/);
  });

  it("gives a domain's text with its security info only when asked, and says plainly that a network has none", async () => {
    const { result: answer } = await tree();
    const guest = answer.connections[0].domains[0].uri;
    const { result: usual } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: guest });
    assert.match(usual.text ?? '', /<graphics type='vnc'/);
    assert.doesNotMatch(usual.text ?? '', /passwd/);
    const { result: secure } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: guest, securityInfo: true });
    assert.match(secure.text ?? '', /passwd='s3cret'/);
    const { result: network } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, {
      uri: await firstNetworkUri(),
      securityInfo: true,
    });
    assert.equal(network.text, undefined);
    assert.match(network.error ?? '', /a network has no security info/);
    await assert.rejects(session.timedRequest(libvirtObjectTextMethod, { uri: guest, securityInfo: 'yes' }), /securityInfo is a boolean/);
  });

  it('refuses a define on a read-only connection, saying why, and checks its params', async () => {
    const uri = await firstNetworkUri();
    const { result } = await session.timedRequest<DefineLibvirtObjectResult>(defineLibvirtObjectMethod, { uri, text: '<network><name>lab</name></network>' });
    assert.equal(result.status, 'read-only');
    assert.match(result.message, /test driver/);
    await assert.rejects(session.timedRequest(defineLibvirtObjectMethod, { uri }), /no text string/);
    const { result: unknown } = await session.timedRequest<DefineLibvirtObjectResult>(defineLibvirtObjectMethod, {
      uri: 'libvirt://nowhere/network/x.xml',
      text: '<network/>',
    });
    assert.deepEqual(unknown.status, 'unavailable');
  });

  it('compares a running domain’s interfaces with the prediction, paired by MAC, in blocks the diff lines up', async () => {
    const { result: answer } = await tree();
    const guest = answer.connections[0].domains[0];
    const { result } = await session.timedRequest<CompareWithLiveResult>(compareWithLiveMethod, { uri: guest.uri });
    assert.equal(result.error, undefined);
    const blocks = (text: string | undefined) => (text ?? '').split('\n').filter((line) => line.startsWith('<!-- interface[mac='));
    assert.deepEqual(blocks(result.predicted), ["<!-- interface[mac='52:54:00:4c:58:01'] -->", "<!-- interface[mac='52:54:00:4c:58:02'] -->"]);
    assert.deepEqual(blocks(result.live), blocks(result.predicted));
    // The test driver runs nothing: its interfaces get no bridge, where the network's is predicted.
    assert.ok(
      (result.differences ?? []).some((line) => line.endsWith('/source@bridge: predicted virbr-lab, running (absent)')),
      JSON.stringify(result.differences),
    );
    const { result: missing } = await session.timedRequest<CompareWithLiveResult>(compareWithLiveMethod, { uri: guest.uri.replace('guest', 'ghost') });
    assert.match(missing.error ?? '', /names no domain/);
  });

  it('is said to change when a workspace network its domains use changes (the file wins over the connection’s copy), and not for unrelated files', async () => {
    const problemsOfSecond = async () => (await tree()).result.connections[0].domains[0].interfaces[1].problems.map((p) => p.code);
    assert.deepEqual(await problemsOfSecond(), ['unknown-portgroup']);
    // A workspace file defining network 'lab' with portgroup 'lowd': the guest's interface finds it.
    const file = path.join(folder, 'lab.xml');
    const uri = pathToFileURL(file).href;
    const labWithLowd = "<network>\n  <name>lab</name>\n  <bridge name='virbr-lab'/>\n  <portgroup name='lowd'/>\n</network>\n";
    let before = treeChanges;
    await session.open(uri, labWithLowd);
    await session.waitFor('the tree said changed after an editor opened the network', () => (treeChanges > before ? true : undefined));
    assert.deepEqual(await problemsOfSecond(), []);
    before = treeChanges;
    await session.close(uri); // not on disk: the connection's copy again
    await session.waitFor('the tree said changed after the editor closed', () => (treeChanges > before ? true : undefined));
    assert.deepEqual(await problemsOfSecond(), ['unknown-portgroup']);
    // The same through the disk and the file watcher.
    before = treeChanges;
    writeFileSync(file, labWithLowd);
    await session.filesChanged([{ uri, type: FileChangeType.Created }]);
    await session.waitFor('the tree said changed after the file appeared', () => (treeChanges > before ? true : undefined));
    assert.deepEqual(await problemsOfSecond(), []);
    before = treeChanges;
    rmSync(file);
    await session.filesChanged([{ uri, type: FileChangeType.Deleted }]);
    await session.waitFor('the tree said changed after the file went', () => (treeChanges > before ? true : undefined));
    assert.deepEqual(await problemsOfSecond(), ['unknown-portgroup']);
    // A network no connection object uses or shares a name with: the view is not asked to refresh.
    before = treeChanges;
    const other = pathToFileURL(path.join(folder, 'other.xml')).href;
    await session.open(other, '<network>\n  <name>unrelated</name>\n</network>\n');
    await session.diagnosticsFor(other, 'checked');
    await new Promise((resolve) => setTimeout(resolve, 100)); // longer than the server's settle time (30 ms)
    assert.equal(treeChanges, before);
    await session.close(other);
  });

  it('lists the pools with their volumes, read-only with why, checked and checking: a domain naming a missing volume gets libvirt’s error', async () => {
    const { result } = await session.timedRequest<LibvirtTreeResult>(libvirtTreeMethod, { reread: true });
    const [system] = result.connections;
    assert.equal(system.storageFailure, undefined);
    assert.deepEqual(system.filters, [], 'the test driver has no network filters');
    const [images] = system.pools;
    assert.deepEqual(
      { name: images.name, uri: images.uri, state: images.state, type: images.type, targetPath: images.targetPath, persistent: images.persistent },
      { name: 'images', uri: `libvirt://${system.label}/pool/images.xml`, state: 'active', type: 'dir', targetPath: '/images', persistent: true },
    );
    assert.deepEqual(
      images.volumes.map((volume) => [volume.name, volume.uri, volume.type, volume.format, volume.path]),
      [['disk1.img', `libvirt://${system.label}/volume/images/disk1.img.xml`, 'file', 'raw', '/images/disk1.img']],
    );
    const { result: pool } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: images.uri });
    assert.match(pool.text ?? '', /<name>images<\/name>/);
    assert.match(pool.readOnly ?? '', /pool-edit/);
    const { result: volume } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: images.volumes[0].uri });
    assert.match(volume.text ?? '', /<name>disk1\.img<\/name>/);
    assert.match(volume.readOnly ?? '', /cannot redefine a storage volume/);
    const { result: missing } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, {
      uri: `libvirt://${system.label}/volume/images/nosuch.img.xml`,
    });
    assert.match(missing.error ?? '', /defines no volume named 'nosuch\.img' in pool 'images'/);
    // A libvirt: document of a pool is checked like any other (no findings here).
    await session.open(images.uri, pool.text ?? '');
    await session.diagnosticsFor(images.uri, 'the pool document checked', (p) => p.diagnostics.length === 0);
    await session.close(images.uri);
    const domain = pathToFileURL(path.join(folder, 'disks.xml')).href;
    await session.open(
      domain,
      `<domain type='kvm'>\n  <name>disks</name>\n  <memory>1</memory>\n  <os><type>hvm</type></os>\n  <devices>\n    <disk type='volume' device='disk'>\n      <source pool='images' volume='disk2.img'/>\n      <target dev='vda'/>\n    </disk>\n  </devices>\n</domain>\n`,
    );
    const published = await session.diagnosticsFor(domain, 'an unknown-volume error', (p) => p.diagnostics.some((d) => d.code === 'unknown-volume'));
    assert.match(String(published.diagnostics.find((d) => d.code === 'unknown-volume')?.message), /no storage vol with matching name 'disk2\.img'/);
    await session.close(domain);
  });

  async function firstNetworkUri(): Promise<string> {
    return (await tree()).result.connections[0].networks[0].uri;
  }
});
