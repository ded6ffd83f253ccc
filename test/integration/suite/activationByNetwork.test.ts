/**
 * Run by networkFirst.ts in a fresh window: a network file alone activates the extension, and
 * the workspace is indexed from there (the hover on the network's name counts the domains'
 * interfaces that use it, which the server only knows from the files on disk).
 */
import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import { codeOf, extension, hoverTexts, positionIn, showFile, sleep, testApi, waitFor, waitForDiagnostics } from '../helpers';

suite('activation by a network file', () => {
  test('is not active while only a non-XML file is open', async () => {
    await showFile('notes.txt');
    await sleep(1500);
    assert.equal(extension().isActive, false);
  });

  test('activates on a network file and serves it', async () => {
    const editor = await showFile('networks/default.xml');
    await waitFor(
      'the extension to activate',
      () => extension().isActive,
      (active) => active,
      20_000,
    );
    await testApi();
    await waitForDiagnostics(editor.document.uri, 'the info on its <tag>', (ds) => ds.some((d) => codeOf(d) === 'tag-dropped-by-libvirt'), 30_000);
    // domains/rfc-guest.xml, web01.xml and db01.xml each have one interface on 'default'.
    const name = positionIn(editor.document, '<name>default</name>', '<name>'.length + 2);
    const hover = await waitFor(
      'the hover on the network name to count the interfaces that use it',
      () => hoverTexts(editor.document.uri, name),
      (texts) => texts.some((t) => /Used by \*\*3 interfaces\*\* in 3 domains/.test(t)),
    );
    assert.match(hover.join('\n'), /network `default`/);
  });
});
