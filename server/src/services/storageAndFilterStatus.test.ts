import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position, Range } from 'vscode-languageserver-types';
import type { FilterChainStatus, VolumeDiskStatus } from '../../../protocol/src/messages';
import { getLanguageService } from './languageService';
import { domainWithDevices, storageAndFilterFiles, uriOf, workspaceWithCursor } from '../testing';

const service = getLanguageService();

function contains(range: Range, at: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(at, range.start) && after(range.end, at);
}

/** The status of the volume disk that holds the `|` cursor, in the test workspace plus `extra` files. */
function diskAt(devices: string, extra: Record<string, string> = {}): VolumeDiskStatus {
  const workspace = workspaceWithCursor({ ...storageAndFilterFiles, ...extra, 'domains/guest.xml': domainWithDevices(devices) });
  const status = service.getResolvedStatus(workspace.at.document, workspace.index);
  const disk = status.volumeDisks?.find((one) => contains(one.range, workspace.at.position));
  assert.ok(disk, 'no volume disk at the cursor');
  return disk;
}

/** The filter chain of the interface that holds the `|` cursor, and that interface's provenance. */
function chainAt(devices: string, extra: Record<string, string> = {}) {
  const workspace = workspaceWithCursor({ ...storageAndFilterFiles, ...extra, 'domains/guest.xml': domainWithDevices(devices) });
  const status = service.getResolvedStatus(workspace.at.document, workspace.index);
  const iface = status.interfaces.find((one) => contains(one.range, workspace.at.position));
  assert.ok(iface?.filterChain, 'no interface with a filterref at the cursor');
  return { chain: iface.filterChain, provenance: iface.provenance };
}

const disk = (source: string) => `<disk type='volume' device='disk'>|<source ${source}/><target dev='vda' bus='virtio'/></disk>`;
const nic = (filterref: string) => `<interface type='bridge'>|<mac address='52:54:00:00:00:01'/><source bridge='br0'/>${filterref}</interface>`;

describe('resolved status of a volume disk', () => {
  it("takes a dir pool's volume as the file its document names, each value with its origin", () => {
    const status = diskAt(disk("pool='default' volume='disk1.qcow2'"));
    assert.equal(status.target, 'vda');
    assert.equal(status.poolType, 'dir');
    assert.equal(status.actualType, 'file');
    assert.equal(status.path, '/var/lib/libvirt/images/disk1.qcow2');
    assert.equal(status.provenance.path.uri, uriOf('storage/default/disk1.qcow2.xml'));
    assert.equal(status.provenance.path.label, "volume 'disk1.qcow2' in default/disk1.qcow2.xml");
    assert.equal(status.provenance.actualType.level, 'volume');
    assert.equal(status.provenance.pool.uri, uriOf('storage/default.xml'));
    assert.deepEqual(status.problems, []);
  });

  it("joins the pool's target path and the volume name when the volume's document gives no path", () => {
    const status = diskAt(disk("pool='default' volume='data.img'"));
    assert.equal(status.path, '/var/lib/libvirt/images/data.img');
    assert.equal(status.provenance.path.uri, uriOf('storage/default.xml'));
    assert.equal(status.actualType, 'file');
    assert.ok(status.notes.some((note) => note.includes("taken as 'file'")));
  });

  it("says libvirt's error for an unknown pool or volume, and gives no source", () => {
    const pool = diskAt(disk("pool='nosuch' volume='disk1.qcow2'"));
    assert.equal(pool.problems[0]?.message, "Storage pool not found: no storage pool with matching name 'nosuch'");
    assert.equal(pool.path, undefined);
    assert.equal(pool.actualType, undefined);
    const volume = diskAt(disk("pool='default' volume='nosuch.img'"));
    assert.equal(volume.problems[0]?.message, "Storage volume not found: no storage vol with matching name 'nosuch.img'");
    assert.equal(volume.problems[0]?.code, 'unknown-volume');
  });

  it("says an unknown pool is not checked while a connection's pools were not read, then libvirt's error", () => {
    const workspace = workspaceWithCursor({ 'domains/guest.xml': domainWithDevices(disk("pool='images' volume='v'")) });
    workspace.index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
    const problem = () => service.getResolvedStatus(workspace.at.document, workspace.index).volumeDisks?.[0]?.problems[0];
    assert.deepEqual([problem()?.code, problem()?.severity], ['pool-not-checked', 2]);
    workspace.index.setStorageAndFilterReaders(['system']);
    assert.deepEqual([problem()?.code, problem()?.severity], ['unknown-pool', 1]);
  });

  it('refuses mode on a dir pool and volumes of an rbd pool, as libvirt does', () => {
    assert.equal(diskAt(disk("pool='default' volume='data.img' mode='host'")).problems[0]?.code, 'volume-mode-unsupported');
    assert.equal(
      diskAt(disk("pool='ceph' volume='x'")).problems[0]?.message,
      "unsupported configuration: using 'rbd' pools for backing 'volume' disks isn't yet supported",
    );
  });

  const iscsiPool = `<pool type='iscsi'><name>san</name><source><host name='san.example.com'/><device path='iqn.2013-06.com.example:target'/></source><target><path>/dev/disk/by-path</path></target></pool>`;

  it('makes an iscsi volume in direct mode a network disk: the pool host, port 3260, the IQN and the LUN', () => {
    const status = diskAt(disk("pool='san' volume='unit:0:0:3' mode='direct'"), { 'storage/san.xml': iscsiPool });
    assert.equal(status.actualType, 'network');
    assert.equal(status.protocol, 'iscsi');
    assert.equal(status.host, 'san.example.com');
    assert.equal(status.port, '3260');
    assert.equal(status.path, 'iqn.2013-06.com.example:target/3');
    assert.equal(status.provenance.path.uri, uriOf('storage/san.xml'));
  });

  it('makes an iscsi volume in host mode a block device whose path only the host knows', () => {
    const status = diskAt(disk("pool='san' volume='unit:0:0:3'"), { 'storage/san.xml': iscsiPool });
    assert.equal(status.actualType, 'block');
    assert.equal(status.mode, 'host');
    assert.equal(status.path, undefined);
    assert.ok(status.notes.some((note) => note.includes('virsh vol-path --pool san unit:0:0:3')));
  });

  it("refuses an iscsi volume name that is not unit:B:T:LUN in direct mode, with libvirt's message", () => {
    const status = diskAt(disk("pool='san' volume='lun3' mode='direct'"), { 'storage/san.xml': iscsiPool });
    assert.equal(status.problems[0]?.message, "internal error: unexpected iscsi volume name 'lun3'");
  });
});

describe("resolved status of an interface's filter chain", () => {
  const chainOf = (filterref: string, extra: Record<string, string> = {}): FilterChainStatus => chainAt(nic(filterref), extra).chain;

  it("expands the chain with each rule's filter and the values of its variables", () => {
    const chain = chainOf("<filterref filter='s6-top'><parameter name='IP' value='10.0.0.5'/><parameter name='DEST' value='10.0.0.1'/></filterref>");
    assert.equal(chain.filter, 's6-top');
    assert.deepEqual(chain.filters, ['s6-top', 's6-child']);
    assert.deepEqual(
      chain.rules.map((rule) => [
        rule.filter,
        rule.direction,
        rule.protocol,
        rule.match.map((m) => `${m.name}=${(m.values ?? [m.written]).join('|')}`).join(' '),
      ]),
      [
        ['s6-child', 'out', 'ip', 'srcipaddr=10.0.0.5'],
        ['s6-child', 'in', 'ip', 'dstipaddr=10.0.0.1'],
      ],
    );
    assert.equal(chain.error, undefined);
  });

  it("gives the binding's parameters: the interface's and its MAC, by name", () => {
    const chain = chainOf("<filterref filter='s6-top'><parameter name='IP' value='10.0.0.5'/><parameter name='DEST' value='10.0.0.1'/></filterref>");
    assert.deepEqual(
      chain.parameters.map((p) => [p.name, p.values.join(','), p.given]),
      [
        ['DEST', '10.0.0.1', 'interface'],
        ['IP', '10.0.0.5', 'interface'],
        ['MAC', '52:54:00:00:00:01', 'libvirt'],
      ],
    );
  });

  it('links each rule to where it is written and each variable to the parameter that gave it', () => {
    const { provenance } = chainAt(nic("<filterref filter='s6-top'><parameter name='DEST' value='10.0.0.1'/></filterref>"));
    assert.equal(provenance['filter.rule.1'].uri, uriOf('nwfilter/s6-child.xml'));
    assert.equal(provenance['filter.rule.1'].level, 'filter');
    assert.equal(provenance['filter.rule.1.DEST'].uri, uriOf('domains/guest.xml'));
    assert.equal(provenance.filter.uri, uriOf('nwfilter/s6-top.xml'));
  });

  it('lets the interface beat a filterref in the chain, and says a missing IP is learned', () => {
    const given = `<filter name='given' chain='root'><filterref filter='s6-child'><parameter name='DEST' value='10.9.9.9'/></filterref></filter>`;
    const chain = chainOf("<filterref filter='given'><parameter name='DEST' value='10.0.0.1'/></filterref>", { 'nwfilter/given.xml': given });
    const [ip, dest] = chain.rules.map((rule) => rule.match[0]);
    assert.deepEqual(dest.values, ['10.0.0.1']);
    assert.equal(ip.missing, true);
    assert.equal(ip.learned, true);
    assert.equal(chain.ipLearning, 'any');
    assert.equal(chain.error, undefined);
  });

  it('sorts the rules as libvirt instantiates them: root chain first, then by priority, ties in document order', () => {
    const mixed = `<filter name='mixed' chain='root'>
  <rule action='accept' direction='out' priority='700'><all/></rule>
  <filterref filter='v4'/>
  <rule action='drop' direction='in' priority='-100'><ip/></rule>
  <rule action='accept' direction='in' priority='-100'><mac/></rule>
</filter>`;
    const v4 = `<filter name='v4' chain='ipv4'><rule action='accept' direction='in' priority='-900'><ip/></rule><rule action='drop' direction='in'><ip/></rule></filter>`;
    const chain = chainOf("<filterref filter='mixed'/>", { 'nwfilter/mixed.xml': mixed, 'nwfilter/v4.xml': v4 });
    assert.deepEqual(
      chain.rules.map((rule) => `${rule.filter}:${rule.chain}:${rule.priority}->${rule.effectivePriority}:${rule.action}`),
      ['mixed:root:-100->-100:drop', 'mixed:root:-100->-100:accept', 'mixed:root:700->700:accept', 'v4:ipv4:-900->-700:accept', 'v4:ipv4:500->500:drop'],
    );
  });

  it("says libvirt's error when a filter of the chain is missing or a variable has no value", () => {
    assert.equal(chainOf("<filterref filter='nosuch'/>").error, "internal error: referenced filter 'nosuch' is missing");
    assert.equal(
      chainOf("<filterref filter='s6-top'/>").error,
      'internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: DEST',
    );
  });
});
