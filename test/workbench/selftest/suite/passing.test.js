const assert = require('assert');
const vscode = require('vscode');

suite('workbench selftest', () => {
  // run.sh names the VS Code of the code-server it runs (the extension host inherits the variable).
  test('runs in the VS Code installed, with the workspace open', () => {
    console.log(`SELFTEST-CONSOLE-LOG vscode.version=${vscode.version}`);
    assert.strictEqual(vscode.version, process.env.SELFTEST_VSCODE_VERSION);
    const folders = vscode.workspace.workspaceFolders || [];
    assert.strictEqual(folders.length, 1);
    assert.match(folders[0].uri.path, /selftest\/workspace$/);
  });

  test('the extension under development is loaded and its command runs', async () => {
    const ext = vscode.extensions.getExtension('libvirt-xml-selftest.workbench-selftest');
    assert.ok(ext, 'extension not found');
    assert.strictEqual(await vscode.commands.executeCommand('workbenchSelftest.hello', 'test'), 'hello test');
    assert.ok(ext.isActive);
  });

  test('a webview opened by a command renders and answers a message', async () => {
    const res = await vscode.commands.executeCommand('workbenchSelftest.openWebview');
    assert.deepStrictEqual(res, { reply: 'selftest webview', viewType: 'workbenchSelftest' });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab && tab.input instanceof vscode.TabInputWebview, 'active tab is not a webview');
    // Built-in webview commands run too.
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.strictEqual(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, 0);
  });

  test('a document of the workspace opens in an editor', async () => {
    const [folder] = vscode.workspace.workspaceFolders;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'hello.xml'));
    await vscode.window.showTextDocument(doc);
    assert.match(doc.getText(), /<domain/);
    assert.strictEqual(vscode.window.activeTextEditor.document.uri.toString(), doc.uri.toString());
  });
});
