// The Libvirt view's server side on a real libvirtd (test/oracle/setup.sh): the tree with each
// object's state, a save that defines (and what libvirt made of it), a refusal in libvirt's own
// words placed where it points, a conflict with a change made meanwhile, a new name that asks
// first, and a running domain compared with its prediction. Objects are named oracle-view-*.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { defineLibvirtObjectMethod, type DefineLibvirtObjectParams, type DefineLibvirtObjectResult } from '../../protocol/src/libvirtDefine';
import { libvirtTreeMethod, type LibvirtTreeResult } from '../../protocol/src/libvirtTree';
import { compareWithLiveMethod, type CompareWithLiveResult } from '../../protocol/src/liveComparison';
import { libvirtObjectTextMethod, type LibvirtObjectTextResult } from '../../protocol/src/messages';
import { LspSession } from '../protocol/lspSession';
import { libvirtAvailable } from './libvirtOracle';
import { bridgeNetworkXml, define, domainXml, sharedFolder, systemUri, undefine, virsh } from './liveHost';

const lan = 'oracle-view-lan';
const copy = 'oracle-view-lan-copy';
const guest = 'oracle-view-guest';
const lanUri = `libvirt://system/network/${lan}.xml`;
const guestUri = `libvirt://system/domain/${guest}.xml`;
const portgroups = "  <portgroup name='gold' default='yes'><bandwidth><inbound average='1000'/></bandwidth></portgroup>\n  <portgroup name='silver'/>\n";

describe('the Libvirt view on a real libvirtd (LSP, as root)', async () => {
  const available = await libvirtAvailable();
  const skip = available === true ? false : `libvirt is not available: ${available}`;
  let session: LspSession;
  let folder: string;

  const request = <R>(method: string, params: object) => session.timedRequest<R>(method, params, 30_000).then((answer) => answer.result);
  const save = (params: DefineLibvirtObjectParams) => request<DefineLibvirtObjectResult>(defineLibvirtObjectMethod, params);
  const hostText = async () => (await request<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: lanUri })).text ?? '';
  const dumped = (name = lan) => virsh('net-dumpxml', '--inactive', name);

  before(async () => {
    if (skip) return;
    await undefine('domain', guest);
    for (const name of [lan, copy]) await undefine('network', name);
    await define('network', bridgeNetworkXml(lan, portgroups));
    await virsh('net-start', lan);
    await define(
      'domain',
      domainXml(guest, `    <interface type='network'><mac address='52:54:00:0f:15:01'/><source network='${lan}' portgroup='silver'/></interface>\n`),
    );
    await virsh('start', guest);
    folder = sharedFolder({});
    session = await LspSession.start({ workspaceFolder: folder, settings: { connections: [systemUri], networkPaths: [folder] } });
  });

  after(async () => {
    if (skip) return;
    await session?.stop();
    await undefine('domain', guest);
    for (const name of [lan, copy]) await undefine('network', name);
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the daemon’s network and domain with their states, the portgroup in use, and writable', { skip }, async () => {
    const tree = await session.eventually('the daemon read', async () => {
      const answer = await request<LibvirtTreeResult>(libvirtTreeMethod, {});
      const system = answer.connections[0];
      return system?.domains.some((d) => d.name === guest) ? system : undefined;
    });
    assert.equal(tree.readOnly, undefined);
    const network = tree.networks.find((n) => n.name === lan);
    assert.deepEqual([network?.state, network?.forwardMode, network?.bridge], ['active', 'bridge', 'br0']);
    assert.deepEqual(
      network?.portgroups.map((g) => [g.name, g.isDefault, g.usedBy]),
      [
        ['gold', true, 0],
        ['silver', false, 1],
      ],
    );
    const domain = tree.domains.find((d) => d.name === guest);
    assert.equal(domain?.state, 'running');
    assert.deepEqual(
      domain?.interfaces.map((i) => [i.network, i.portgroup, i.problems.length]),
      [[lan, 'silver', 0]],
    );
    assert.equal((await request<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: lanUri })).readOnly, undefined);
  });

  it('defines a saved edit, and answers with what libvirt holds now', { skip }, async () => {
    const base = await hostText();
    const edited = base.replace("average='1000'", "average='2500'");
    const started = performance.now();
    const result = await save({ uri: lanUri, text: edited, base });
    console.log(`[libvirt view] save → defined and read again in ${Math.round(performance.now() - started)} ms`);
    assert.equal(result.status, 'defined', JSON.stringify(result));
    assert.match(await dumped(), /average='2500'/);
    if (result.status === 'defined') assert.equal(result.text.trim(), (await dumped()).trim());
  });

  it('refuses what libvirt refuses, in its words, as a diagnostic at the value it names; the host is unchanged', { skip }, async () => {
    const base = await hostText();
    const bad = base.replace("<forward mode='bridge'/>", "<forward mode='bridgee'/>");
    await session.open(lanUri, bad);
    const invalid = await save({ uri: lanUri, text: bad, base });
    assert.equal(invalid.status, 'invalid', JSON.stringify(invalid)); // libvirt's schema knows no such mode
    const refused = await save({ uri: lanUri, text: bad, base, skipValidation: true });
    assert.equal(refused.status, 'refused', JSON.stringify(refused));
    assert.match(refused.message, /bridgee/);
    const published = await session.diagnosticsFor(lanUri, 'libvirt’s refusal', (p) => p.diagnostics.some((d) => d.code === 'libvirt-define-refused'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'libvirt-define-refused');
    const line = bad.split('\n').findIndex((text) => text.includes('bridgee'));
    assert.equal(diagnostic?.range.start.line, line);
    assert.equal(bad.split('\n')[line].slice(diagnostic?.range.start.character, diagnostic?.range.end.character), 'bridgee');
    assert.equal((await dumped()).trim(), base.trim());
    await session.close(lanUri);
  });

  it('says when the host changed since the text was read, with the host’s text, and overwrites when asked', { skip }, async () => {
    const stale = await hostText();
    await define('network', stale.replace("average='2500'", "average='3000'"));
    const edited = stale.replace("name='silver'", "name='silver' trustGuestRxFilters='no'");
    const conflict = await save({ uri: lanUri, text: edited, base: stale });
    assert.equal(conflict.status, 'conflict', JSON.stringify(conflict));
    assert.ok(conflict.status === 'conflict' && conflict.hostText?.includes("average='3000'"));
    assert.match(await dumped(), /average='3000'/);
    const overwritten = await save({ uri: lanUri, text: edited, base: conflict.status === 'conflict' ? conflict.hostText : undefined });
    assert.equal(overwritten.status, 'defined');
    assert.match(await dumped(), /average='2500'/);
  });

  it('asks before a new <name> defines a second network, then defines it without the first one’s UUID', { skip }, async () => {
    const base = await hostText();
    const renamed = base.replace(`<name>${lan}</name>`, `<name>${copy}</name>`).replace("<bridge name='br0'/>", "<bridge name='br0'/>");
    const asked = await save({ uri: lanUri, text: renamed, base });
    assert.equal(asked.status, 'new-name');
    const defined = await save({ uri: lanUri, text: renamed, base, allowNewName: true });
    assert.equal(defined.status, 'defined', JSON.stringify(defined));
    assert.equal(defined.status === 'defined' && defined.uri, `libvirt://system/network/${copy}.xml`);
    const uuid = (text: string) => /<uuid>([^<]+)<\/uuid>/.exec(text)?.[1];
    assert.notEqual(uuid(await dumped(copy)), uuid(await dumped()));
    assert.match(await dumped(), new RegExp(`<name>${lan}</name>`));
  });

  it('defines a saved domain too: its persistent definition changes, the running domain does not', { skip }, async () => {
    const { text: base = '' } = await request<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: guestUri });
    assert.match(base, /portgroup='silver'/);
    const result = await save({ uri: guestUri, text: base.replace("portgroup='silver'", "portgroup='gold'"), base });
    assert.equal(result.status, 'defined', JSON.stringify(result));
    assert.match(await virsh('dumpxml', '--inactive', guest), /portgroup='gold'/);
    assert.match(await virsh('dumpxml', guest), /portgroup='silver'/);
    await save({ uri: guestUri, text: base, base: result.status === 'defined' ? result.text : undefined });
  });

  it('compares the running domain with its prediction', { skip }, async () => {
    const result = await request<CompareWithLiveResult>(compareWithLiveMethod, { uri: guestUri });
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(result.differences, []);
    assert.match(result.predicted ?? '', /<source network='oracle-view-lan' portgroup='silver' portid='…' bridge='br0'\/>/);
    assert.match(result.live ?? '', /<source network='oracle-view-lan' portgroup='silver' portid='[0-9a-f-]+' bridge='br0'\/>/);
  });
});
