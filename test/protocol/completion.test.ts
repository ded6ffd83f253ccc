import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guestWith } from '../../server/src/testing';
import { useServer, withCursor } from './sessionFixture';
import { item, labels } from '../../server/src/testing/completionLists';

describe('completion over LSP', () => {
  const server = useServer();

  it('offers the networks of the workspace and of the network folders at the cursor', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/a.xml');
    const { text, position } = withCursor(
      guestWith(`    <interface type='network'>
      <source network='|'/>
    </interface>`),
    );
    await session.open(uri, text);
    const list = await session.completion(uri, position, "'");
    assert.deepEqual(labels(list).sort(), ['mynet', 'othernet']);
    // Outside the workspace folder, a file is named by its last two path segments.
    assert.equal(item(list, 'othernet').detail, 'forward nat · netdefs/othernet.xml');
    assert.equal(item(list, 'mynet').detail, 'forward bridge · networks/mynet.xml');
  });

  it("inserts a network name escaped for its quote (a name with '<', '&' and quotes)", async () => {
    const { session, fixture } = server();
    const networkUri = fixture.uri('workspace/networks/hostile.xml');
    await session.open(networkUri, `<network>\n  <name>a&lt;b&amp;c'd"e</name>\n</network>\n`);
    const uri = fixture.uri('workspace/domains/hostile-ref.xml');
    const { text, position } = withCursor(
      guestWith(`    <interface type='network'>
      <source network='|'/>
    </interface>`),
    );
    await session.open(uri, text);
    const hostile = item(await session.completion(uri, position, "'"), `a<b&c'd"e`);
    assert.ok(hostile.textEdit && 'range' in hostile.textEdit);
    assert.equal(hostile.textEdit.newText, `a&lt;b&amp;c&apos;d"e`);
  });

  it('completes inside an incomplete document (unterminated value, unclosed tags)', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/typing.xml');
    const { text, position } = withCursor("<domain type='kvm'>\n  <devices>\n    <interface type='network'>\n      <source network='oth|");
    await session.open(uri, text);
    const list = await session.completion(uri, position);
    const othernet = item(list, 'othernet');
    assert.ok(othernet.textEdit && 'range' in othernet.textEdit);
    assert.equal(othernet.textEdit.newText, "othernet'");
    assert.deepEqual(othernet.textEdit.range, { start: { line: 3, character: 23 }, end: { line: 3, character: 26 } });
  });

  it('follows edits: the portgroups are those of the network the document names now', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/edited.xml');
    const first = withCursor(
      guestWith(`    <interface type='network'>
      <source network='mynet' portgroup='|'/>
    </interface>`),
    );
    await session.open(uri, first.text);
    assert.deepEqual(labels(await session.completion(uri, first.position)), ['xyzzy', 'plugh']);
    const second = withCursor(
      guestWith(`    <interface type='network'>
      <source network='othernet' portgroup='|'/>
    </interface>`),
    );
    await session.change(uri, second.text);
    assert.deepEqual(labels(await session.completion(uri, second.position)), ['alpha', 'beta']);
  });

  it('sends snippets to a client that takes them', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/snippet.xml');
    const { text, position } = withCursor(
      guestWith(`    <interface type='network'>
      <|
    </interface>`),
    );
    await session.open(uri, text);
    const bandwidth = item(await session.completion(uri, position, '<'), 'bandwidth');
    assert.equal(bandwidth.insertTextFormat, 2);
  });

  it('answers nothing for XML that is not libvirt', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/pom.xml');
    const { text, position } = withCursor("<project>\n  <source network='|'/>\n</project>\n");
    await session.open(uri, text);
    assert.deepEqual(labels(await session.completion(uri, position)), []);
  });
});
