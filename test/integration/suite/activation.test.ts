/**
 * Activation, and which files the extension serves.
 *
 * The extension activates lazily on `onLanguage:xml` (it adds to the `xml` language; it cannot know
 * a file's root element before it runs). So "activates on a libvirt file and not on unrelated
 * XML" is checked as:
 *   - with only a non-XML file open, the extension is not active;
 *   - opening a domain file activates it, and the language server then serves that file
 *     (its diagnostics arrive); a network file is served too (networkFirst.ts checks that a
 *     network file alone activates it, in a fresh window);
 *   - an unrelated XML file (root `<inventory>`, with libvirt-like elements inside) is not
 *     served: no diagnostics, no completion, no hover, no status panel, and its `<tag>` names are
 *     not offered in libvirt files (it is not indexed).
 */
import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import {
  codeOf,
  completionLabels,
  extension,
  fileUri,
  hoverTexts,
  ourDiagnostics,
  positionAfter,
  positionIn,
  showFile,
  sleep,
  statusPanelTabs,
  summarize,
  testApi,
  waitFor,
  waitForDiagnostics,
} from '../helpers';

suite('activation', () => {
  test('is not active while only a non-XML file is open', async () => {
    const editor = await showFile('notes.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    await sleep(1500); // time for an (unwanted) activation to happen
    assert.equal(extension().isActive, false, 'the extension activated although no XML file was opened');
  });

  test('activates on a libvirt domain file, returns the test API and serves the file', async () => {
    const editor = await showFile('domains/rfc-guest.xml');
    assert.equal(editor.document.languageId, 'xml');
    await waitFor(
      'the extension to activate',
      () => extension().isActive,
      (active) => active,
      20_000,
    );
    const api = await testApi();
    assert.equal(api.getStatusPanelModel(), undefined, 'no status panel before the command runs');
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      'the floor error of the RFC interface',
      (ds) => ds.some((d) => codeOf(d) === 'floor-unsupported-for-interface'),
      30_000,
    );
    const floor = diagnostics.find((d) => codeOf(d) === 'floor-unsupported-for-interface');
    assert.equal(floor?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(floor?.message ?? '', /portgroup 'xyzzy'/);
  });

  test('serves a network file', async () => {
    const editor = await showFile('networks/mynet.xml');
    const diagnostics = await waitForDiagnostics(editor.document.uri, "mynet's floor error", (ds) =>
      ds.some((d) => codeOf(d) === 'floor-unsupported-by-network'),
    );
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.range.start.line + 1),
      [11],
      `errors: ${summarize(diagnostics).join(' | ')}`,
    );
  });

  test('does not serve unrelated XML (root <inventory>)', async () => {
    const editor = await showFile('misc/inventory.xml');
    const uri = editor.document.uri;
    assert.equal(editor.document.languageId, 'xml');
    // Requests to the server are answered in order, after it has seen the document open.
    assert.deepEqual(await completionLabels(uri, positionAfter(editor.document, "network='")), [], 'completion in unrelated XML');
    assert.deepEqual(await completionLabels(uri, positionAfter(editor.document, "portgroup='")), [], 'completion in unrelated XML');
    assert.deepEqual(await hoverTexts(uri, positionIn(editor.document, '<source', 2)), [], 'hover in unrelated XML');
    await sleep(1500); // a publish would have come by now (the domain's came within this)
    assert.deepEqual(summarize(ourDiagnostics(uri)), [], 'diagnostics on unrelated XML');
    // Positive control: the same server did publish for the domain.
    assert.ok(ourDiagnostics(fileUri('domains/rfc-guest.xml')).length > 0);

    // The status command explains instead of opening a panel for it.
    await vscode.commands.executeCommand('libvirtXml.showStatus');
    await sleep(500);
    const api = await testApi();
    assert.equal(api.getStatusPanelModel(), undefined, 'a status panel was opened for unrelated XML');
    assert.equal(statusPanelTabs().length, 0);
  });
});
