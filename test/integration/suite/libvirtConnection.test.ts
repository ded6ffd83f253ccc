/**
 * A libvirt connection in the editor, without a daemon: libvirt's test driver reads the host
 * fixture (test/integration/fixtures/libvirt-host/host.xml) inside each virsh process. Named in
 * `libvirtXml.connections`, it defines a network no file defines and another copy of `default`:
 * a domain using the first resolves against it, the hover links to the network's read-only
 * `libvirt:` view, the link opens the view at its line, the view is served like a file, a view
 * of what the connection does not define says why, and the views follow the setting.
 *
 * It needs virsh (libvirt-clients), not libvirtd; without virsh it skips and says so.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openLibvirtObjectCommand } from '../../../client/src/identifiers';
import { connectionLabel, libvirtObjectUri } from '../../../protocol/src/libvirtUris';
import {
  closeTabsOf,
  codeOf,
  hoverMarkdown,
  libvirtObjectLinks,
  openDocument,
  openDocumentText,
  positionIn,
  setConnections,
  summarize,
  testApi,
  waitFor,
  waitForDiagnostics,
  workspaceRoot,
} from '../helpers';
import { connectionUnavailable, virsh } from '../virsh';

const domainXml = [
  "<domain type='kvm'>",
  '  <name>libvirt-xml-it-guest</name>',
  '  <devices>',
  "    <interface type='network'>",
  "      <mac address='52:54:00:4c:58:01'/>",
  "      <source network='lab-host-only'/>",
  '    </interface>',
  '  </devices>',
  '</domain>',
  '',
].join('\n');

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return (await hoverMarkdown(uri, position)).map((m) => m.value).join('\n');
}

suite("a libvirt connection (libvirt's test driver, no daemon)", function () {
  let connection: string;
  let networkUri: string;
  let domain: vscode.TextDocument;

  suiteSetup(async function () {
    connection = `test://${path.join(path.dirname(workspaceRoot().fsPath), 'libvirt-host', 'host.xml')}`;
    networkUri = libvirtObjectUri({ connection: connectionLabel(connection), kind: 'network', name: 'lab-host-only' });
    const unavailable = await connectionUnavailable(connection);
    if (unavailable) {
      console.log(`[libvirt connection] SKIPPED: ${unavailable}. Install libvirt-clients (Debian, Ubuntu) or libvirt-client (Fedora).`);
      this.skip();
    }
    await testApi();
    await setConnections([connection]);
    domain = await vscode.workspace.openTextDocument({ language: 'xml', content: domainXml });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([]);
  });

  test('a domain using a network only the connection defines: no error, and the hover links to its read-only view', async () => {
    const diagnostics = await waitForDiagnostics(domain.uri, 'no unknown-network error', (ds) => !ds.some((d) => codeOf(d) === 'unknown-network'));
    assert.deepEqual(summarize(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error)), []);
    const at = positionIn(domain, '<source', 3);
    const markdown = await waitFor(
      "a hover with a link to the connection's network",
      () => hoverMarkdown(domain.uri, at),
      (ms) => ms.some((m) => libvirtObjectLinks(m.value).length > 0),
    );
    const text = markdown.map((m) => m.value).join('\n');
    assert.match(text, /inbound: average 500 kB\/s/);
    // A command link VS Code renders (it would show a libvirt: link as plain text), trusted for that one command only.
    assert.deepEqual(markdown.find((m) => libvirtObjectLinks(m.value).length > 0)?.isTrusted, { enabledCommands: [openLibvirtObjectCommand] });
    assert.ok(
      libvirtObjectLinks(text).every((uri) => uri.startsWith(`${networkUri}#L`)),
      `links to other objects than ${networkUri}: ${libvirtObjectLinks(text).join(', ')}`,
    );
    assert.doesNotMatch(text, /\]\(libvirt:/, 'a libvirt: link is left, which VS Code would not open');
  });

  test('the link opens the read-only view at its line, as XML, with what virsh dumps', async () => {
    const text = await hoverText(domain.uri, positionIn(domain, '<source', 3));
    const [bandwidthLink] = libvirtObjectLinks(text.split('\n').find((line) => line.includes('**bandwidth**')) ?? '');
    assert.ok(bandwidthLink, `no link on the bandwidth line of the hover:\n${text}`);
    await vscode.commands.executeCommand(openLibvirtObjectCommand, bandwidthLink);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), networkUri);
    assert.equal(editor.document.languageId, 'xml');
    const dumped = await virsh(connection, 'net-dumpxml', 'lab-host-only');
    assert.ok(dumped.ok, dumped.error);
    assert.equal(editor.document.getText().trim(), dumped.stdout.trim());
    // The bandwidth comes from the portgroup's <bandwidth>: the link's #L names that line.
    const line = Number(/#L(\d+)$/.exec(bandwidthLink)?.[1]) - 1;
    assert.equal(editor.selection.active.line, line);
    assert.match(editor.document.lineAt(line).text, /^\s*<bandwidth>/);
  });

  test("F12 and the network name's link (Ctrl+click) lead into the view too; VS Code opens the link's #L itself", async () => {
    const at = positionIn(domain, "network='lab-host-only'", "network='".length + 1);
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', domain.uri, at);
    const definition = definitions?.[0];
    const target = definition && ('targetUri' in definition ? definition.targetUri : definition.uri);
    assert.equal(target?.toString(), networkUri);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', domain.uri);
    const link = links?.find((l) => l.range.contains(at))?.target;
    assert.ok(link, `no document link on the network name: ${links?.map((l) => l.target?.toString()).join(', ')}`);
    assert.ok(link.toString().startsWith(`${networkUri}#L`), link.toString());
    // Only the view's tab is closed, so vscode.open opens it afresh at the link's line. Not all
    // editors: that also closes the untitled domain this suite checks, although it is in no
    // editor (seen on VS Code 1.100 and 1.139: the next two tests then find no domain).
    await closeTabsOf(vscode.Uri.parse(networkUri));
    // vscode.open goes through the opener a Ctrl+click uses, which reads the #L of any scheme.
    await vscode.commands.executeCommand('vscode.open', link);
    const editor = await waitFor(
      'the view to open',
      () => vscode.window.activeTextEditor,
      (e) => e?.document.uri.toString() === networkUri,
    );
    assert.equal(editor?.selection.active.line, Number(/#L(\d+)/.exec(link.toString())?.[1]) - 1);
    assert.match(editor?.document.lineAt(editor.selection.active.line).text ?? '', /<name>lab-host-only<\/name>/);
  });

  test('the view is served: a hover on its portgroup counts the domain that uses it by default', async () => {
    const view = await vscode.workspace.openTextDocument(vscode.Uri.parse(networkUri));
    const at = positionIn(view, "<portgroup name='quiet'", "<portgroup name='".length + 1);
    const text = await waitFor(
      'a hover in the libvirt: view',
      () => hoverText(view.uri, at),
      (t) => t.includes('quiet'),
    );
    assert.match(text.replace(/\*\*/g, ''), /by 1 interface that name no portgroup \(it is the default\)/);
  });

  test("a network both the workspace and the connection define: the file wins, the hover links to the connection's copy", async () => {
    const network = await openDocument('networks/default.xml');
    const text = await waitFor(
      "the hover to name the connection's copy",
      () => hoverText(network.uri, positionIn(network, '<name>default', '<name>'.length + 1)),
      (t) => t.includes('also defined on'),
    );
    assert.ok(text.includes(`also defined on \`${connection}\``), text);
    assert.match(text, /differs in [^\n]*portgroup/);
    const defaultUri = libvirtObjectUri({ connection: connectionLabel(connection), kind: 'network', name: 'default' });
    assert.ok(
      libvirtObjectLinks(text).some((uri) => uri.startsWith(`${defaultUri}#L`)),
      `no link to ${defaultUri}: ${libvirtObjectLinks(text).join(', ')}`,
    );
    // Interfaces keep resolving to the workspace's file: web01 has no error on network 'default'.
    const web01 = await openDocument('domains/web01.xml');
    const diagnostics = await waitForDiagnostics(web01.uri, 'web01 checked', (ds) => ds.length > 0);
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'unknown-network'), summarize(diagnostics).join(' | '));
  });

  test('a view of what the connection does not define says why, plainly', async () => {
    const absent = await vscode.workspace.openTextDocument(vscode.Uri.parse(networkUri.replace('lab-host-only', 'no-such-network')));
    assert.match(absent.getText(), /^<!--/);
    assert.ok(absent.getText().includes(`${connection} defines no network named 'no-such-network'`), absent.getText());
    const elsewhere = await vscode.workspace.openTextDocument(vscode.Uri.parse('libvirt://elsewhere/network/x.xml'));
    assert.match(elsewhere.getText(), /no configured connection is labelled 'elsewhere'/);
  });

  test('the connection taken out of libvirtXml.connections: the open view says so, the domain reports the network unknown', async () => {
    assert.ok(openDocumentText(networkUri)?.includes('<name>lab-host-only</name>'), 'the view is open');
    await setConnections([]);
    await waitFor(
      'the open view to say the connection is not configured',
      () => openDocumentText(networkUri) ?? '',
      (t) => t.includes('no configured connection is labelled'),
      10_000,
    );
    await waitForDiagnostics(domain.uri, 'unknown-network', (ds) => ds.some((d) => codeOf(d) === 'unknown-network'), 10_000);
  });
});
