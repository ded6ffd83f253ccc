// The language server on a real libvirtd (test/oracle/setup.sh): networks defined on the daemon
// are known without any file, `virsh net-define` / `net-undefine` from outside reach the open
// documents through libvirt's events, and a restarted libvirtd is reconnected to.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { libvirtObjectTextMethod, type LibvirtObjectTextResult } from '../../protocol/src/messages';
import { LspSession } from '../protocol/lspSession';
import { libvirtAvailable } from './libvirtOracle';
import { bridgeNetworkXml, define, domainXml, ourLibvirtdPid, sharedFolder, startLibvirtd, stopLibvirtd, systemUri, undefine } from './liveHost';

const lan = 'oracle-live-lan';
const later = 'oracle-live-later';
const afterRestart = 'oracle-live-restart';
const guestText = domainXml(
  'oracle-live-guest',
  `    <interface type='network'><source network='${lan}' portgroup='gold'/></interface>\n` +
    `    <interface type='network'><source network='${later}'/></interface>\n` +
    `    <interface type='network'><source network='${afterRestart}'/></interface>\n`,
);

/** The codes of the diagnostics on the interface that names this network (its own line). */
const codesOn = (params: PublishDiagnosticsParams, network: string) => {
  const line = guestText.split('\n').findIndex((text) => text.includes(`network='${network}'`));
  return params.diagnostics.filter((d) => d.range.start.line === line).map((d) => String(d.code));
};

describe('live libvirt connection (LSP, as root)', async () => {
  const available = await libvirtAvailable();
  const skip = available === true ? false : `libvirt is not available: ${available}`;
  let session: LspSession;
  let folder: string;
  let guestUri: string;

  before(async () => {
    if (skip) return;
    for (const name of [lan, later, afterRestart]) await undefine('network', name);
    await define('network', bridgeNetworkXml(lan, "  <portgroup name='gold'><bandwidth><inbound average='1000'/></bandwidth></portgroup>\n"));
    folder = sharedFolder({ 'guest.xml': guestText });
    guestUri = pathToFileURL(path.join(folder, 'guest.xml')).href;
    session = await LspSession.start({ workspaceFolder: folder, settings: { connections: [systemUri] } });
    await session.open(guestUri, guestText);
  });

  after(async () => {
    if (skip) return;
    await session?.stop();
    for (const name of [lan, later, afterRestart]) await undefine('network', name);
    rmSync(folder, { recursive: true, force: true });
  });

  it('knows the daemon’s networks without any file: no unknown network, the portgroup completed, the hover links the libvirt: view', { skip }, async () => {
    const diagnostics = await session.diagnosticsFor(guestUri, `${lan} resolved, ${later} unknown`, (p) => codesOn(p, later).includes('unknown-network'));
    assert.deepEqual(codesOn(diagnostics, lan), []);
    const line = guestText.split('\n').findIndex((text) => text.includes(`portgroup='gold'`));
    const character = guestText.split('\n')[line].indexOf(`'gold'`) + 2;
    const completion = await session.completion(guestUri, { line, character });
    assert.ok(
      completion.items.some((item) => item.label === 'gold'),
      JSON.stringify(completion.items.map((i) => i.label)),
    );
    const hover = await session.hover(guestUri, { line, character: guestText.split('\n')[line].indexOf(lan) + 2 });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /libvirt:\/\/system\/network\/oracle-live-lan\.xml/);
  });

  it('serves the XML of a libvirt: object, and says plainly when there is none', { skip }, async () => {
    const { result: found } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, { uri: `libvirt://system/network/${lan}.xml` });
    assert.match(found.text ?? '', new RegExp(`<name>${lan}</name>`));
    const { result: missing } = await session.timedRequest<LibvirtObjectTextResult>(libvirtObjectTextMethod, {
      uri: 'libvirt://system/network/oracle-live-none.xml',
    });
    assert.equal(missing.text, undefined);
    assert.match(missing.error ?? '', /qemu:\/\/\/system defines no network named 'oracle-live-none'/);
  });

  it('follows virsh net-define and net-undefine from outside (libvirt events)', { skip }, async (t) => {
    const defined = performance.now();
    const arrival = session.diagnosticsArrival((p) => p.uri === guestUri && codesOn(p, later).length === 0);
    await define('network', bridgeNetworkXml(later));
    t.diagnostic(`net-define → diagnostics: ${Math.round((await arrival) - defined)} ms`);
    const undefined_ = performance.now();
    const back = session.diagnosticsArrival((p) => p.uri === guestUri && codesOn(p, later).includes('unknown-network'));
    await undefine('network', later);
    t.diagnostic(`net-undefine → diagnostics: ${Math.round((await back) - undefined_)} ms`);
  });

  it(
    'reconnects when libvirtd restarts, and follows what is defined after',
    { skip: skip || (ourLibvirtdPid() === undefined && 'libvirtd was not started by setup.sh (no PID to restart)') },
    async () => {
      const pid = ourLibvirtdPid();
      assert.ok(pid);
      await stopLibvirtd(pid);
      await startLibvirtd();
      const arrival = session.diagnosticsArrival((p) => p.uri === guestUri && codesOn(p, afterRestart).length === 0, 30_000);
      await define('network', bridgeNetworkXml(afterRestart));
      await arrival;
      const diagnostics = await session.diagnosticsFor(guestUri, `${lan} still known`);
      assert.deepEqual(codesOn(diagnostics, lan), []);
    },
  );
});
