/**
 * Diagnostics as the editor shows them (`vscode.languages.getDiagnostics`), following edits of the
 * domain and of the network files it uses.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, openDocument, replaceText, showFile, summarize, testApi, waitForDiagnostics } from '../helpers';

const unknownPortgroup = (name: string) => (d: vscode.Diagnostic) => codeOf(d) === 'unknown-portgroup' && d.message.includes(`'${name}'`);

suite('diagnostics', () => {
  suiteSetup(async () => {
    await testApi();
  });

  test("the misspelled portgroup 'ofice' is a warning with a did-you-mean, on the value", async () => {
    const editor = await showFile('domains/web01.xml');
    const document = editor.document;
    const diagnostics = await waitForDiagnostics(document.uri, "unknown-portgroup 'ofice'", (ds) => ds.some(unknownPortgroup('ofice')));
    const found = diagnostics.filter(unknownPortgroup('ofice'));
    assert.equal(found.length, 1, summarize(diagnostics).join(' | '));
    const [diagnostic] = found;
    // libvirt starts the domain all the same (no portgroup applies): a warning.
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /^Unknown portgroup 'ofice' \(did you mean 'office'\?\): not in network 'ovs-trunk'/);
    assert.match(diagnostic.message, /did you mean 'office'\?/);
    assert.equal(diagnostic.range.start.line, 16); // line 17 of web01.xml
    assert.match(document.getText(diagnostic.range), /ofice/);
    // No error in the file: the first interface (default/premium) and the third are fine.
    assert.deepEqual(
      summarize(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error)).map((s) => s.split(' ')[1]),
      [],
    );
  });

  test('the error disappears after the quick edit, and comes back when undone', async () => {
    const uri = (await openDocument('domains/web01.xml')).uri;
    const restore = await replaceText('domains/web01.xml', "portgroup='ofice'", "portgroup='office'");
    try {
      await waitForDiagnostics(uri, 'the unknown-portgroup error to go', (ds) => !ds.some((d) => codeOf(d) === 'unknown-portgroup'));
    } finally {
      await restore();
    }
    await waitForDiagnostics(uri, "unknown-portgroup 'ofice' to come back", (ds) => ds.some(unknownPortgroup('ofice')));
  });

  test('the quick fix "Change to \'office\'" is offered on the error, and applying it clears the error', async () => {
    const document = await openDocument('domains/web01.xml');
    const [diagnostic] = (await waitForDiagnostics(document.uri, "unknown-portgroup 'ofice'", (ds) => ds.some(unknownPortgroup('ofice')))).filter(
      unknownPortgroup('ofice'),
    );
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    const fix = actions.find((a) => a.title === "Change to 'office'");
    assert.ok(fix?.edit, `no "Change to 'office'" quick fix; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    try {
      assert.match(document.lineAt(diagnostic.range.start.line).text, /<source network='ovs-trunk' portgroup='office'\/>/);
      await waitForDiagnostics(document.uri, 'the error to go after the quick fix', (ds) => !ds.some((d) => codeOf(d) === 'unknown-portgroup'));
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(
        document.uri,
        document.lineAt(diagnostic.range.start.line).range,
        document.lineAt(diagnostic.range.start.line).text.replace("'office'", "'ofice'"),
      );
      await vscode.workspace.applyEdit(undo);
      await document.save();
    }
    await waitForDiagnostics(document.uri, "unknown-portgroup 'ofice' back", (ds) => ds.some(unknownPortgroup('ofice')));
  });

  test('editing a network (WorkspaceEdit) re-publishes the diagnostics of every domain using it', async () => {
    const web01 = (await openDocument('domains/web01.xml')).uri;
    const db01 = (await openDocument('domains/db01.xml')).uri;
    const rfc = (await openDocument('domains/rfc-guest.xml')).uri;
    // Both web01 and db01 use portgroup 'premium' of network 'default'; rfc-guest uses its default portgroup.
    for (const uri of [web01, db01]) {
      await waitForDiagnostics(uri, 'no premium error yet', (ds) => !ds.some(unknownPortgroup('premium')));
    }
    const restore = await replaceText('networks/default.xml', "<portgroup name='premium'>", "<portgroup name='premium2'>");
    try {
      for (const uri of [web01, db01]) {
        const ds = await waitForDiagnostics(uri, "unknown-portgroup 'premium' after the network edit", (d) => d.some(unknownPortgroup('premium')));
        assert.match(ds.find(unknownPortgroup('premium'))!.message, /Unknown portgroup 'premium' \(did you mean 'premium2'\?\): not in network 'default'/);
      }
      assert.ok(!vscode.languages.getDiagnostics(rfc).some(unknownPortgroup('premium')), 'rfc-guest does not use premium');
    } finally {
      await restore();
    }
    for (const uri of [web01, db01]) {
      await waitForDiagnostics(uri, 'the premium error to go after the network is restored', (ds) => !ds.some(unknownPortgroup('premium')));
    }
  });

  test('removing the referenced network makes the domain report an unknown network', async () => {
    const db01 = (await openDocument('domains/db01.xml')).uri;
    const restore = await replaceText('networks/default.xml', '<name>default</name>', '<name>default-renamed</name>');
    try {
      const ds = await waitForDiagnostics(db01, "unknown-network 'default'", (d) => d.some((x) => codeOf(x) === 'unknown-network'));
      const unknown = ds.filter((x) => codeOf(x) === 'unknown-network');
      assert.equal(unknown.length, 1, summarize(ds).join(' | '));
      assert.equal(unknown[0].severity, vscode.DiagnosticSeverity.Error);
      assert.match(unknown[0].message, /no network with matching name 'default'/);
      assert.equal(unknown[0].range.start.line, 9); // <source network='default' …> of db01.xml
    } finally {
      await restore();
    }
    await waitForDiagnostics(db01, 'no error left on db01', (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });
});
