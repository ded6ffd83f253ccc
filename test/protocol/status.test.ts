import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guestWith } from '../../server/src/testing';
import { useServer } from './sessionFixture';

const guest = guestWith(`    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='mynet' portgroup='xyzzy'/>
      <model type='virtio'/>
    </interface>`);

describe('the resolved-status request over LSP', () => {
  const server = useServer();

  it('answers with every interface as libvirt will run it, with provenance', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/status.xml');
    await session.open(uri, guest);
    const status = await session.resolvedStatus(uri);
    assert.equal(status.kind, 'domain');
    assert.equal(status.name, 'guest');
    assert.equal(status.version, 1);
    assert.equal(status.interfaces.length, 1);
    const [iface] = status.interfaces;
    assert.equal(iface.type, 'bridge');
    assert.equal(iface.network, 'mynet');
    assert.equal(iface.portgroup, 'xyzzy');
    assert.equal(iface.portgroupHow, 'named');
    assert.match(iface.statusXml, /^<interface type='bridge'>\n  <mac address='52:54:00:aa:bb:cc'\/>/);
    const average = iface.provenance['bandwidth.inbound.average'];
    assert.equal(average.uri, fixture.uri('workspace/networks/mynet.xml'));
    assert.equal(average.level, 'portgroup');
    assert.equal(average.label, "portgroup 'xyzzy' in networks/mynet.xml");
    const link = iface.links.find((l) => l.key === 'bandwidth.inbound.average')!;
    assert.equal(iface.statusXml.slice(link.start, link.end), '1000');
    assert.deepEqual(iface.problems, []);
    assert.deepEqual(iface.tags, ['prod', 'web']);
    assert.ok(status.tagsNote);
  });

  it('answers for an indexed file that is not open, and plainly for anything else', async () => {
    const { session, fixture } = server();
    const network = await session.resolvedStatus(fixture.uri('workspace/networks/mynet.xml'));
    assert.equal(network.kind, 'network');
    assert.deepEqual(network.interfaces, []);
    const unknown = await session.resolvedStatus(fixture.uri('workspace/nothing-here.xml'));
    assert.equal(unknown.kind, 'other');
  });
});
