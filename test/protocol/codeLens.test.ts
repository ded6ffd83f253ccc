import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol';
import { guestWith, mynet } from '../../server/src/testing';
import { useServer } from './sessionFixture';

const onMynet = guestWith(`    <interface type='network'>
      <source network='mynet' portgroup='xyzzy'/>
    </interface>`);

describe('code lens over LSP', () => {
  const server = useServer();

  it('counts the interfaces using a network, and asks the client to refresh when a domain changes', async () => {
    const { session, fixture } = server();
    const networkUri = fixture.uri('workspace/networks/mynet.xml');
    await session.open(networkUri, mynet);
    const domainUri = fixture.uri('workspace/domains/lens.xml');
    const before = session.codeLensRefreshes;
    await session.open(domainUri, onMynet);
    await session.waitFor('a code lens refresh request', () => (session.codeLensRefreshes > before ? true : undefined));
    const lenses: CodeLens[] | null = await session.request(CodeLensRequest.type, { textDocument: { uri: networkUri } });
    const titles = (lenses ?? []).map((lens) => lens.command?.title ?? '');
    assert.ok(
      titles.some((title) => /used by 1 interface in 1 domain/.test(title)),
      titles.join(' | '),
    );
  });
});
