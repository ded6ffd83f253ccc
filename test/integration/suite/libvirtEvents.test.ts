/**
 * libvirt's events in the editor: with the host's system libvirt (`qemu:///system`) in
 * `libvirtXml.connections`, a network defined, redefined and undefined with virsh outside the
 * editor reaches the open `libvirt:` view and the domains using it, as `virsh net-define` does
 * for a user.
 *
 * It needs a libvirtd that answers `virsh -c qemu:///system list`, and the right to define a
 * network there (as root, or in the `libvirt` group); without them it skips and says why. The
 * network it defines, libvirt-xml-it-PID, is undefined at the end.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openLibvirtObjectCommand } from '../../../client/src/identifiers';
import { codeOf, hoverMarkdown, libvirtObjectLinks, openDocumentText, positionIn, setConnections, testApi, waitFor, waitForDiagnostics } from '../helpers';
import { connectionUnavailable, defineNetwork, undefineNetwork, virsh } from '../virsh';

const systemConnection = 'qemu:///system';
const networkName = `libvirt-xml-it-${process.pid}`;
const networkUri = `libvirt://system/network/${networkName}.xml`;

function networkXml(average: number, uuid?: string): string {
  return [
    '<network>',
    `  <name>${networkName}</name>`,
    ...(uuid ? [`  <uuid>${uuid}</uuid>`] : []),
    "  <portgroup name='quiet' default='yes'>",
    '    <bandwidth>',
    `      <inbound average='${average}'/>`,
    '    </bandwidth>',
    '  </portgroup>',
    '</network>',
    '',
  ].join('\n');
}

const domainXml = [
  "<domain type='kvm'>",
  '  <name>libvirt-xml-it-events-guest</name>',
  '  <devices>',
  "    <interface type='network'>",
  "      <mac address='52:54:00:4c:58:02'/>",
  `      <source network='${networkName}'/>`,
  '    </interface>',
  '  </devices>',
  '</domain>',
  '',
].join('\n');

suite('libvirt events (qemu:///system)', function () {
  let domain: vscode.TextDocument;
  let defined = false;

  const domainHover = async () => (await hoverMarkdown(domain.uri, positionIn(domain, '<source', 3))).map((m) => m.value).join('\n');

  suiteSetup(async function () {
    const unavailable = await connectionUnavailable(systemConnection);
    if (unavailable) {
      console.log(`[libvirt events] SKIPPED: ${unavailable}. Start libvirtd (test/oracle/setup.sh does) to run this suite.`);
      this.skip();
    }
    const result = await defineNetwork(systemConnection, networkXml(500));
    if (!result.ok) {
      console.log(
        `[libvirt events] SKIPPED: cannot define a network on ${systemConnection} (${result.error}); run as root or as a member of the 'libvirt' group.`,
      );
      this.skip();
    }
    defined = true;
    await testApi();
    await setConnections([systemConnection]);
    domain = await vscode.workspace.openTextDocument({ language: 'xml', content: domainXml });
  });

  suiteTeardown(async () => {
    if (defined) await undefineNetwork(systemConnection, networkName);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([]);
  });

  test("the domain resolves against the daemon's network, and its hover opens the network's view", async () => {
    const link = await waitFor(
      "a hover linking to the daemon's network",
      async () => libvirtObjectLinks(await domainHover())[0],
      (l) => l !== undefined,
    );
    assert.ok(link.startsWith(`${networkUri}#L`), link);
    await vscode.commands.executeCommand(openLibvirtObjectCommand, link);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), networkUri);
    await waitForDiagnostics(domain.uri, 'no unknown-network error', (ds) => !ds.some((d) => codeOf(d) === 'unknown-network'));
  });

  test('`virsh net-define` outside the editor: the open view and the domain follow', async () => {
    const uuid = /<uuid>([^<]+)<\/uuid>/.exec(openDocumentText(networkUri) ?? '')?.[1];
    assert.ok(uuid, 'the view shows the network with its UUID');
    const started = Date.now();
    const result = await defineNetwork(systemConnection, networkXml(777, uuid));
    assert.ok(result.ok, result.error);
    await waitFor(
      'the open view to show the new definition',
      () => openDocumentText(networkUri) ?? '',
      (t) => t.includes("average='777'"),
      10_000,
      20,
    );
    const viewMs = Date.now() - started;
    await waitFor("the domain's hover to show the new bandwidth", domainHover, (t) => t.includes('average 777 kB/s'), 10_000, 20);
    console.log(`[libvirt events] virsh net-define → open view updated in ${viewMs} ms, the domain's hover in ${Date.now() - started} ms`);
    const dumped = await virsh(systemConnection, 'net-dumpxml', '--inactive', networkName);
    assert.equal(openDocumentText(networkUri)?.trim(), dumped.stdout.trim());
  });

  test('`virsh net-undefine`: the open view says the network is gone, the domain that it is unknown', async () => {
    const result = await undefineNetwork(systemConnection, networkName);
    assert.ok(result.ok, result.error);
    defined = false;
    await waitFor(
      'the open view to say the network is gone',
      () => openDocumentText(networkUri) ?? '',
      (t) => t.includes(`defines no network named '${networkName}'`),
      10_000,
    );
    await waitForDiagnostics(domain.uri, 'unknown-network', (ds) => ds.some((d) => codeOf(d) === 'unknown-network'), 10_000);
  });
});
