/**
 * Navigation and refactoring across files, through the commands the editor itself runs
 * (F12, Shift+F12, F2, code lens, outline). Nothing here is applied: later suites rely on the
 * fixture as it is.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { fileUri, openDocument, positionAfter, positionIn, testApi, waitFor } from '../helpers';

const relative = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri);

function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange } : location;
}

suite('navigation and refactoring', () => {
  suiteSetup(async () => {
    await testApi();
  });

  test("F12 on portgroup='xyzzy' goes to <portgroup name='xyzzy'> in the network's file", async () => {
    const guest = await openDocument('domains/rfc-guest.xml');
    const network = await openDocument('networks/mynet.xml');
    const locations = await waitFor(
      'a definition for the portgroup reference',
      async () =>
        await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
          'vscode.executeDefinitionProvider',
          guest.uri,
          positionAfter(guest, "portgroup='"),
        ),
      (found) => (found?.length ?? 0) > 0,
    );
    assert.equal(locations.length, 1);
    const target = targetOf(locations[0]);
    assert.equal(relative(target.uri), 'networks/mynet.xml');
    assert.equal(target.range.start.line, positionIn(network, "<portgroup name='xyzzy'").line);
  });

  test('Shift+F12 on a network name lists every interface using it, across files', async () => {
    const network = await openDocument('networks/default.xml');
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', network.uri, positionAfter(network, '<name>'));
    const files = [...new Set(locations.map((l) => relative(l.uri)))].sort();
    // default is used by rfc-guest (interface 2), web01 (interface 1) and db01 (interface 1).
    for (const file of ['domains/db01.xml', 'domains/rfc-guest.xml', 'domains/web01.xml']) assert.ok(files.includes(file), `${file} in ${files.join(', ')}`);
  });

  test('F2 on a portgroup renames its definition and every use in one edit', async () => {
    const guest = await openDocument('domains/rfc-guest.xml');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      guest.uri,
      positionAfter(guest, "portgroup='"),
      'plugh',
    );
    assert.ok(edit, 'a rename edit');
    const byFile = new Map(edit.entries().map(([uri, edits]) => [relative(uri), edits.map((e) => e.newText)]));
    assert.deepEqual(byFile.get('domains/rfc-guest.xml'), ['plugh']);
    assert.deepEqual(byFile.get('networks/mynet.xml'), ['plugh']);
    assert.equal(byFile.size, 2, [...byFile.keys()].join(', '));
  });

  test('code lenses above a network and its portgroups count the interfaces using them', async () => {
    const network = await openDocument('networks/mynet.xml');
    const lenses = await waitFor(
      'code lenses in mynet.xml',
      async () => await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', network.uri, 10),
      (found) => (found ?? []).some((lens) => lens.command?.title),
    );
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(
      titles.some((title) => /^used by 1 interface in 1 domain/.test(title)),
      titles.join(' | '),
    );
    assert.ok(lenses.every((lens) => !lens.command || lens.command.command === 'libvirtXml.showReferences'));
  });

  test('the outline of a domain lists its interfaces with their networks', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', fileUri('domains/web01.xml'));
    const flat: vscode.DocumentSymbol[] = [];
    const walk = (list: readonly vscode.DocumentSymbol[]) => list.forEach((s) => (flat.push(s), walk(s.children)));
    walk(symbols);
    const details = flat.map((s) => `${s.name} ${s.detail}`).join(' | ');
    for (const network of ['default', 'ovs-trunk']) assert.match(details, new RegExp(network), details);
  });
});
