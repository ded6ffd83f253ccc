import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guestWith, mynet } from '../../server/src/testing';
import type { LspSession } from './lspSession';
import { useServer } from './sessionFixture';

const onMynet = (portgroup?: string) =>
  guestWith(`    <interface type='network'>
      <source network='mynet'${portgroup === undefined ? '' : ` portgroup='${portgroup}'`}/>
    </interface>`);

/**
 * An edit of an open network re-publishes the open domains whose resolution it can change, and
 * only those (issue 19: at 20k files, 1,000 dependants re-checked on every keystroke). The
 * publisher tells the client which documents a round re-published (statusChanged, after the
 * round): the test reads the round of the edit from it.
 */
describe('fan-out of a network edit over LSP', () => {
  const server = useServer();

  /** Edits the network and gives the documents the round of that edit re-published. */
  async function republishedBy(session: LspSession, network: string, text: string): Promise<string[]> {
    const seen = session.statusChanges.length;
    await session.change(network, text);
    return session.waitFor('the round of the edit', () => {
      const round = session.statusChanges.slice(seen).find((change) => change.uris.includes(network));
      return round && [...round.uris];
    });
  }

  it('re-publishes the domains naming a changed portgroup, not the others', async () => {
    const { session, fixture } = server();
    const domains = {
      plugh: fixture.uri('workspace/domains/fan-plugh.xml'),
      xyzzy: fixture.uri('workspace/domains/fan-xyzzy.xml'),
      none: fixture.uri('workspace/domains/fan-none.xml'),
      unknown: fixture.uri('workspace/domains/fan-unknown.xml'),
    };
    const network = fixture.uri('workspace/networks/mynet.xml');
    await session.open(domains.plugh, onMynet('plugh'));
    await session.open(domains.xyzzy, onMynet('xyzzy'));
    await session.open(domains.none, onMynet());
    await session.open(domains.unknown, onMynet('nope'));
    await session.open(network, mynet);
    for (const uri of Object.values(domains)) await session.diagnosticsFor(uri, 'first diagnostics');
    await session.waitFor('the round of the open network', () => session.statusChanges.some((change) => change.uris.includes(network)) || undefined);

    // plugh renamed: its users lose it; an unknown portgroup's message lists the names. The
    // default portgroup (xyzzy, for the domain naming none) is as it was.
    const renamed = mynet.replace("name='plugh'", "name='plover'");
    assert.deepEqual((await republishedBy(session, network, renamed)).sort(), [network, domains.unknown, domains.plugh].sort());

    // The default portgroup's vlan: its users and the domain naming none.
    const vlan = renamed.replace("<tag id='42'/>", "<tag id='43'/>");
    assert.deepEqual((await republishedBy(session, network, vlan)).sort(), [network, domains.none, domains.xyzzy].sort());

    // The network's own settings: every user.
    const bridge = vlan.replace("<bridge name='br0'/>", "<bridge name='br1'/>");
    assert.deepEqual((await republishedBy(session, network, bridge)).sort(), [network, ...Object.values(domains)].sort());

    // A line added above the portgroups moves them (a finding may point into one), not what the
    // domains naming no existing portgroup are told about (the network's name, its list of portgroups).
    const moved = bridge.replace('<portgroup', '<!-- moved -->\n  <portgroup');
    assert.deepEqual((await republishedBy(session, network, moved)).sort(), [network, domains.none, domains.xyzzy].sort());
    for (const uri of [network, ...Object.values(domains)]) await session.close(uri);
  });
});
