import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/util/lineIndex';
import { useServer } from './sessionFixture';

/** Texts an editor may well hold: half-typed, broken, hostile. */
const hostileTexts = [
  "<domain><devices><interface type='network'><source network='",
  '<network><name>a</name><portgroup name="x" default="yes"><bandwidth><inbound average="-1" floor="x"/></bandwidth>',
  `<domain>${'<devices>'.repeat(5000)}<interface type='network'><source network='a' portgroup='b'/>`,
  "<network><name>\u0000\uFFFF&#0;&#x110000;&bogus;</name><forward mode='&lt;img src=x onerror=alert(1)&gt;'/></network>",
  "<domain><devices><interface type='network'><source network=unquoted portgroup='\n<<<</>>>'/></devices><!-- <![CDATA[",
  '<network',
  '<domain><devices><interface type="network"><tag name="__proto__"/><tag name="constructor"/><source network="__proto__"/></interface></devices></domain>',
];

describe('robustness over LSP', () => {
  const server = useServer();

  it('answers every request on broken and hostile documents, and stays up', async () => {
    const { session, fixture } = server();
    for (const [n, text] of hostileTexts.entries()) {
      const uri = fixture.uri(`workspace/hostile/${n}.xml`);
      await session.open(uri, text);
      const lines = new LineIndex(text);
      // Every position of short texts, a sample of long ones.
      const step = Math.max(1, Math.floor(text.length / 200));
      for (let offset = 0; offset <= text.length; offset += step) {
        const position = lines.positionAt(offset);
        await session.completion(uri, position);
        await session.completion(uri, position, "'");
        await session.hover(uri, position);
      }
      await session.resolvedStatus(uri);
    }
    assert.equal(session.exitCode, null, 'the server exited');
    const errors = session.log.filter((message) => message.includes('failed'));
    assert.deepEqual(errors, [], 'a handler failed');
  });
});
