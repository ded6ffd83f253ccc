/**
 * Completion through `vscode.executeCompletionItemProvider`, as the editor asks for it.
 * The fixture's .vscode/settings.json turns off word-based and Emmet suggestions, so the lists
 * hold only what the extension offers, and "exactly" means exactly.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { completionItems, completionLabels, fileUri, labelOf, openDocument, positionAfter, replaceText, sorted, testApi, waitFor } from '../helpers';

/** Every network the server knows: the workspace's three and the one in ../host-networks. */
const allNetworks = ['default', 'isolated-lab', 'mynet', 'ovs-trunk'];

suite('completion', () => {
  suiteSetup(async () => {
    await testApi();
  });

  test("portgroup='|' lists exactly the portgroups of the referenced network (RFC: mynet → xyzzy)", async () => {
    const document = await openDocument('domains/rfc-guest.xml');
    // The language server may still be indexing right after activation: wait for a non-empty list.
    const labels = await waitFor(
      'portgroup completion in rfc-guest.xml',
      () => completionLabels(document.uri, positionAfter(document, "portgroup='"), "'"),
      (l) => l.length > 0,
    );
    assert.deepEqual(labels, ['xyzzy']);
  });

  test('the portgroups follow the network of each <source>, default one marked', async () => {
    const web01 = await openDocument('domains/web01.xml');
    // interface 1: network 'default' (portgroups standard [default], premium)
    const onDefault = await completionItems(web01.uri, positionAfter(web01, "portgroup='", 0));
    assert.deepEqual(sorted(onDefault.map(labelOf)), ['premium', 'standard']);
    const standard = onDefault.find((i) => labelOf(i) === 'standard');
    assert.equal(standard?.preselect, true, 'the default portgroup is preselected');
    assert.match(String(standard?.detail), /default portgroup of default/);
    // interface 2 and 3: network 'ovs-trunk' (office [default], lab)
    for (const occurrence of [1, 2]) {
      const items = await completionItems(web01.uri, positionAfter(web01, "portgroup='", occurrence));
      assert.deepEqual(sorted(items.map(labelOf)), ['lab', 'office'], `portgroup #${occurrence} of web01.xml`);
      assert.equal(items.find((i) => labelOf(i) === 'office')?.preselect, true);
    }
    // A network outside the workspace, found through libvirtXml.networkPaths.
    const db01 = await openDocument('domains/db01.xml');
    assert.deepEqual(sorted(await completionLabels(db01.uri, positionAfter(db01, "portgroup='", 1))), ['dev', 'qa']);
  });

  test('the portgroups follow an unsaved edit of the network name', async () => {
    const restore = await replaceText('domains/web01.xml', "network='ovs-trunk' portgroup='ofice'", "network='mynet' portgroup='ofice'");
    try {
      const web01 = await openDocument('domains/web01.xml');
      assert.deepEqual(await completionLabels(web01.uri, positionAfter(web01, "network='mynet' portgroup='")), ['xyzzy']);
    } finally {
      await restore();
    }
  });

  test('completes in an incomplete document (unterminated value, unclosed tags)', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'xml',
      content: "<domain type='kvm'>\n  <devices>\n    <interface type='network'>\n      <source network='ovs-trunk' portgroup='",
    });
    const labels = await waitFor(
      'completion in an untitled, incomplete domain',
      () => completionLabels(document.uri, document.positionAt(document.getText().length)),
      (l) => l.length > 0,
      10_000,
    );
    assert.deepEqual(sorted(labels), ['lab', 'office']);
  });

  test("<source network='|'> lists every known network with its forward mode and file", async () => {
    const document = await openDocument('domains/rfc-guest.xml');
    const items = await completionItems(document.uri, positionAfter(document, "network='"), "'");
    assert.deepEqual(sorted(items.map(labelOf)), allNetworks);
    const detail = (name: string) => String(items.find((i) => labelOf(i) === name)?.detail);
    assert.equal(detail('mynet'), 'forward bridge · networks/mynet.xml');
    assert.equal(detail('default'), 'forward nat · networks/default.xml');
    assert.match(detail('isolated-lab'), /^forward none · .*host-networks\/isolated-lab\.xml$/);
  });

  test("<tag name='|'/> lists every tag name used in libvirt files (not those of unrelated XML)", async () => {
    const document = await openDocument('domains/rfc-guest.xml');
    const items = await completionItems(document.uri, positionAfter(document, "<tag name='"), "'");
    // wumpus (mynet), xyzzytag (mynet's portgroup xyzzy), lab (default; ovs-trunk's lab),
    // billing-premium (default's premium), frontend (web01). Not 'twisty' (only the tag being
    // typed here), not 'rack-7' (misc/inventory.xml is not libvirt XML).
    assert.deepEqual(sorted(items.map(labelOf)), ['billing-premium', 'frontend', 'lab', 'wumpus', 'xyzzytag']);
    assert.match(String(items.find((i) => labelOf(i) === 'wumpus')?.detail), /network mynet/);
  });

  test('the network list follows a network file created on disk', async () => {
    const uri = fileUri('networks/created.xml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from("<network>\n  <name>created-net</name>\n  <forward mode='route'/>\n</network>\n"));
    try {
      const document = await openDocument('domains/rfc-guest.xml');
      await waitFor(
        'created-net to be offered after networks/created.xml was written',
        () => completionLabels(document.uri, positionAfter(document, "network='")),
        (labels) => labels.includes('created-net'),
      );
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
    const document = await openDocument('domains/rfc-guest.xml');
    await waitFor(
      'created-net to be gone after networks/created.xml was deleted',
      () => completionLabels(document.uri, positionAfter(document, "network='")),
      (labels) => sorted(labels).join() === allNetworks.join(),
    );
  });
});
