/**
 * Hover through `vscode.executeHoverProvider`: an interface shows the bandwidth it really gets,
 * with units, and where each part came from.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import { fileUri, hoverTexts, openDocument, positionIn, replaceText, testApi, waitFor } from '../helpers';

suite('hover', () => {
  suiteSetup(async () => {
    await testApi();
  });

  test("on the RFC interface's <source>: the bandwidth of portgroup xyzzy, with units and a link", async () => {
    const document = await openDocument('domains/rfc-guest.xml');
    const at = positionIn(document, "<source network='mynet'", 3); // inside the word "source"
    const text = (
      await waitFor(
        'a hover on the interface',
        () => hoverTexts(document.uri, at),
        (t) => t.length > 0,
      )
    ).join('\n');
    assert.match(text, /inbound: average 1000 kB\/s \(8 Mbit\/s\) · peak 5000 kB\/s \(40 Mbit\/s\) · burst 1024 KiB \(1 MiB\)/);
    assert.match(text, /outbound: average 128 kB\/s/);
    assert.match(text, /floor 200 kB\/s/);
    // Each part links to where it was written: the bandwidth to the portgroup's <bandwidth> (line 10
    // of mynet.xml), each tag to its own <tag> element; the tooltip names the file and line.
    const link = (label: string, file: string, line: number) => `[${label}](${fileUri(file).toString()}#L${line} "${file}, line ${line}")`;
    for (const expected of [
      `**bandwidth** — from ${link('portgroup `xyzzy` in `networks/mynet.xml`', 'networks/mynet.xml', 10)}`,
      `\`twisty\` — from ${link('this interface', 'domains/rfc-guest.xml', 12)}`,
      `\`wumpus\` — from ${link('network `mynet` in `networks/mynet.xml`', 'networks/mynet.xml', 7)}`,
      `\`xyzzytag\` — from ${link('portgroup `xyzzy` in `networks/mynet.xml`', 'networks/mynet.xml', 9)}`,
    ]) {
      assert.ok(text.includes(expected), `the hover lacks ${expected}:\n${text}`);
    }
  });

  test("on an interface without a portgroup: the network's default portgroup applies", async () => {
    const document = await openDocument('domains/rfc-guest.xml');
    const text = (await hoverTexts(document.uri, positionIn(document, "<source network='default'", 3))).join('\n');
    assert.match(text, /inbound: average 12500 kB\/s \(100 Mbit\/s\)/);
    assert.match(text, /portgroup `standard`/);
  });

  test('follows an unsaved edit of the network file', async () => {
    const restore = await replaceText('networks/mynet.xml', "<inbound average='1000'", "<inbound average='4242'");
    try {
      const document = await openDocument('domains/rfc-guest.xml');
      const at = positionIn(document, "<source network='mynet'", 3);
      await waitFor(
        'the hover to show the edited average',
        () => hoverTexts(document.uri, at),
        (t) => t.join('\n').includes('average 4242 kB/s'),
      );
    } finally {
      await restore();
    }
  });

  test('on a portgroup name in the network file: its settings and how many interfaces use it', async () => {
    const document = await openDocument('networks/default.xml');
    const text = (await hoverTexts(document.uri, positionIn(document, "<portgroup name='premium'", "<portgroup name='".length + 2))).join('\n');
    assert.match(text, /premium/);
    assert.match(text, /2 interfaces/); // web01 and db01
  });
});
