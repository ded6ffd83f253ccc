import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvedStatusMethod, type ResolvedStatusResult } from '../../protocol/src/messages';
import { childFilter, defaultPool, diskVolume, domainWithDevices, topFilter } from '../../server/src/testing';
import { useServer } from './sessionFixture';

const disk = (volume: string) =>
  `<disk type='volume' device='disk'><source pool='default' volume='${volume}'/><target dev='vd${volume[0]}' bus='virtio'/></disk>`;
const guest = domainWithDevices(`${disk('disk1.qcow2')}
    ${disk('nosuch.img')}
    <interface type='bridge'>
      <mac address='52:54:00:00:00:07'/>
      <source bridge='br0'/>
      <filterref filter='s6-top'><parameter name='DEST' value='10.0.0.1'/></filterref>
    </interface>`);

describe('the resolved status of volume disks and filter chains over LSP', () => {
  const server = useServer();

  /** The pool, its volume and the filters, open in the editor; then the domain. */
  async function openAll(): Promise<string> {
    const { session, fixture } = server();
    await session.open(fixture.uri('workspace/storage/default.xml'), defaultPool);
    await session.open(fixture.uri('workspace/storage/default/disk1.qcow2.xml'), diskVolume);
    await session.open(fixture.uri('workspace/nwfilter/s6-child.xml'), childFilter);
    await session.open(fixture.uri('workspace/nwfilter/s6-top.xml'), topFilter);
    const uri = fixture.uri('workspace/domains/storage-status.xml');
    await session.open(uri, guest);
    return uri;
  }

  it("answers each volume disk's source with its origin, and libvirt's error for an unknown volume", async () => {
    const { session, fixture } = server();
    const uri = await openAll();
    const status = await session.resolvedStatus(uri);
    assert.deepEqual([status.firstVolumeDisk, status.totalVolumeDisks], [0, 2]);
    const [known, unknown] = status.volumeDisks ?? [];
    assert.deepEqual([known.actualType, known.path], ['file', '/var/lib/libvirt/images/disk1.qcow2']);
    assert.equal(known.provenance.path.uri, fixture.uri('workspace/storage/default/disk1.qcow2.xml'));
    assert.equal(unknown.problems[0]?.message, "Storage volume not found: no storage vol with matching name 'nosuch.img'");
  });

  it("answers the interface's filter chain: rules in order, the binding's parameters, libvirt's error", async () => {
    const { session } = server();
    const uri = await openAll();
    const [iface] = (await session.resolvedStatus(uri)).interfaces;
    const chain = iface.filterChain;
    assert.ok(chain);
    assert.deepEqual(chain.filters, ['s6-top', 's6-child']);
    assert.deepEqual(
      chain.parameters.map((p) => `${p.name}=${p.values.join(',')}`),
      ['DEST=10.0.0.1', 'MAC=52:54:00:00:00:07'],
    );
    assert.deepEqual(
      chain.rules.map((rule) => rule.match.map((m) => (m.missing ? `${m.written} (learned)` : (m.values ?? []).join(',')))),
      [['$IP (learned)'], ['10.0.0.1']],
    );
    assert.equal(chain.error, undefined);
  });

  it('pages the volume disks as it pages interfaces', async () => {
    const { session } = server();
    const uri = await openAll();
    const { result } = await session.timedRequest<ResolvedStatusResult>(resolvedStatusMethod, { uri, firstVolumeDisk: 1, maxVolumeDisks: 1 });
    assert.deepEqual(
      (result.volumeDisks ?? []).map((one) => [one.index, one.volume]),
      [[1, 'nosuch.img']],
    );
    assert.equal(result.totalVolumeDisks, 2);
  });
});
