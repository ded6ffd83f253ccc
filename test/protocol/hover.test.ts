import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { guestWith } from '../../server/src/testing';
import { useServer, withCursor } from './sessionFixture';

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  const contents = hover.contents;
  assert.ok(typeof contents === 'object' && 'kind' in contents && contents.kind === 'markdown', 'hover is not markdown');
  return contents.value;
}

describe('hover over LSP', () => {
  const server = useServer();

  it('shows the resolved bandwidth of an interface with units and a link to its portgroup', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/hover.xml');
    const { text, position } = withCursor(
      guestWith(`    <interface type='network'>
      <sou|rce network='mynet' portgroup='xyzzy'/>
    </interface>`),
    );
    await session.open(uri, text);
    const value = markdown(await session.hover(uri, position));
    assert.match(value, /inbound: average 1000 kB\/s \(8 Mbit\/s\) · peak 2000 kB\/s \(16 Mbit\/s\) · burst 1024 KiB \(1 MiB\)/);
    const link = `[portgroup \`xyzzy\` in \`networks/mynet.xml\`](${fixture.uri('workspace/networks/mynet.xml')}#L8 "networks/mynet.xml, line 8")`;
    assert.ok(value.includes(link), `no link ${link} in:\n${value}`);
  });

  it('shows how many interfaces use a network, on its name in the network file', async () => {
    const { session, fixture } = server();
    const user = guestWith("    <interface type='network'>\n      <source network='countnet'/>\n    </interface>");
    await session.open(fixture.uri('workspace/domains/user1.xml'), user);
    await session.open(fixture.uri('workspace/domains/user2.xml'), user);
    // A network that exists only in the editor (never saved) counts as much as one on disk.
    const uri = fixture.uri('workspace/networks/countnet.xml');
    const { text, position } = withCursor('<network>\n  <name>count|net</name>\n</network>\n');
    await session.open(uri, text);
    const hover = await session.hover(uri, position);
    const value = markdown(hover);
    assert.match(value, /^\*\*network `countnet`\*\*/);
    assert.match(value, /Used by \*\*2 interfaces\*\* in 2 domains\./);
    assert.deepEqual(hover?.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 16 } });
  });
});
