import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionNode, DomainNode, FilterNode, InterfaceNode, NetworkNode, PoolNode } from '../../../protocol/src/libvirtTree';
import { connectionText, domainText, filterText, interfaceText, networkText, poolText, portgroupText, volumeText } from './treeItemText';

const range = { start: { line: 3, character: 2 }, end: { line: 5, character: 14 } };
const network: NetworkNode = {
  name: 'default',
  uri: 'libvirt://system/network/default.xml',
  uuid: 'dd8fe884-6c02-601e-7551-cca97df1c5df',
  state: 'active',
  autostart: true,
  persistent: true,
  forwardMode: 'nat',
  bridge: 'virbr0',
  portgroups: [],
};
const iface: InterfaceNode = {
  index: 0,
  range,
  type: 'network',
  mac: '52:54:00:4c:58:01',
  network: 'default',
  portgroup: 'standard',
  portgroupHow: 'default',
  problems: [],
};
const domain: DomainNode = {
  name: 'web01',
  uri: 'libvirt://system/domain/web01.xml',
  uuid: 'u',
  state: 'running',
  autostart: false,
  persistent: true,
  interfaces: [iface],
};
const connection: ConnectionNode = {
  uri: 'qemu:///system',
  label: 'system',
  state: 'ready',
  networks: [network],
  domains: [domain, { ...domain, name: 'db01' }],
  pools: [],
  filters: [],
};
const pool: PoolNode = {
  name: 'default',
  uri: 'libvirt://system/pool/default.xml',
  uuid: '851abdc1-839a-4e5a-9d70-3b7c885ba79f',
  state: 'active',
  autostart: true,
  persistent: true,
  type: 'dir',
  targetPath: '/var/lib/libvirt/images',
  volumes: [{ name: 'app01-root.qcow2', uri: 'libvirt://system/volume/default/app01-root.qcow2.xml', type: 'file', format: 'qcow2', usedBy: 1 }],
  usedBy: 1,
};
const filter: FilterNode = {
  name: 'app-traffic',
  uri: 'libvirt://system/nwfilter/app-traffic.xml',
  uuid: 'de412895-fefa-43e3-ad73-a1e118734df3',
  chain: 'root',
  rules: 2,
  includes: ['app-ports'],
  usedBy: 3,
};

describe('how the Libvirt view’s items read', () => {
  it('a connection: its counts, read-only with the reason, a failure with its remedy', () => {
    assert.deepEqual([connectionText(connection).description, connectionText(connection).icon], ['1 network · 2 domains', 'server']);
    const readOnly = connectionText({ ...connection, readOnly: 'permission denied' });
    assert.deepEqual([readOnly.description, readOnly.icon], ['1 network · 2 domains · read-only', 'lock']);
    assert.ok(readOnly.tooltip.includes('Read-only: permission denied.'));
    const failed = connectionText({
      ...connection,
      state: 'failed',
      failure: { kind: 'not-running', reason: 'libvirtd is not running', remedy: 'start libvirtd' },
    });
    assert.deepEqual([failed.description, failed.icon, failed.tooltip[1]], ['libvirtd is not running', 'warning', 'To fix: start libvirtd.']);
  });

  it('a network: state, autostart, forward mode with its bridge; isolated for none; coloured by state', () => {
    const active = networkText(network);
    assert.equal(active.description, 'active · autostart · nat (virbr0)');
    assert.deepEqual([active.icon, active.iconColor], ['globe', 'testing.iconPassed']);
    const isolated = networkText({ ...network, state: 'inactive', autostart: false, forwardMode: 'none', bridge: undefined });
    assert.equal(isolated.description, 'inactive · isolated');
    assert.equal(isolated.iconColor, 'disabledForeground');
  });

  it('a portgroup: the default marked, its users counted and named', () => {
    const text = portgroupText({ name: 'standard', isDefault: true, usedBy: 2, usedByDomains: ['db01', 'web01'], range });
    assert.equal(text.description, 'default · used by 2 interfaces');
    assert.equal(text.icon, 'layers-active');
    assert.ok(text.tooltip[1].includes('Used by 2 interfaces, of db01, web01'));
    assert.equal(portgroupText({ name: 'premium', isDefault: false, usedBy: 1, usedByDomains: ['x'], range }).description, 'used by 1 interface');
  });

  it('a domain: its state, its problems counted, and a context value telling running ones', () => {
    assert.deepEqual(
      [domainText(domain).description, domainText(domain).contextValue, domainText(domain).icon],
      ['running', 'libvirtDomain.running', 'vm-running'],
    );
    const withProblem = { ...domain, state: 'shut off' as const, interfaces: [{ ...iface, problems: [{ severity: 1 as const, message: 'no portgroup' }] }] };
    assert.deepEqual([domainText(withProblem).description, domainText(withProblem).contextValue], ['shut off · 1 problem', 'libvirtDomain']);
  });

  it('an interface: its MAC, network and portgroup (default marked), and a problem badge when the engine reports one', () => {
    const plain = interfaceText(iface);
    assert.deepEqual([plain.label, plain.description, plain.icon], ['52:54:00:4c:58:01', 'network default · portgroup standard (default)', 'plug']);
    const broken = interfaceText({
      ...iface,
      mac: undefined,
      portgroup: 'ofice',
      portgroupHow: 'unknown',
      problems: [{ severity: 1, message: "network 'default' has no portgroup 'ofice'" }],
    });
    assert.deepEqual(
      [broken.label, broken.description, broken.icon, broken.iconColor],
      ['interface 1', '1 problem · network default · portgroup ofice', 'error', 'list.errorForeground'],
    );
    assert.equal(broken.tooltip[1], "Error: network 'default' has no portgroup 'ofice'");
    assert.equal(interfaceText({ ...iface, network: undefined, type: 'bridge' }).description, 'type bridge');
  });

  it('a pool: state, type and target, its volumes counted (not listed while inactive); read-only', () => {
    const active = poolText(pool);
    assert.deepEqual(
      [active.description, active.icon, active.iconColor, active.contextValue],
      ['active · autostart · dir (/var/lib/libvirt/images) · 1 volume', 'database', 'testing.iconPassed', 'libvirtPool'],
    );
    assert.ok(active.tooltip.some((line) => /read-only/i.test(line)));
    const inactive = poolText({ ...pool, state: 'inactive', autostart: false, volumes: [] });
    assert.equal(inactive.description, 'inactive · dir (/var/lib/libvirt/images) · volumes not listed');
    assert.equal(inactive.iconColor, 'disabledForeground');
  });

  it('a volume: type, format and its disks; says libvirt cannot redefine it', () => {
    const [volume] = pool.volumes;
    const text = volumeText(volume);
    assert.deepEqual([text.label, text.description, text.contextValue], ['app01-root.qcow2', 'file · qcow2 · used by 1 disk', 'libvirtVolume']);
    assert.ok(text.tooltip.includes('Read-only: libvirt cannot redefine a volume (no vol-define).'));
    assert.equal(volumeText({ ...volume, usedBy: 0, format: undefined }).description, 'file');
  });

  it('a filter: chain, rules, the filters it includes and how often it is referenced', () => {
    const text = filterText(filter);
    assert.deepEqual([text.description, text.icon, text.contextValue], ['chain root · 2 rules · includes app-ports · used by 3', 'shield', 'libvirtFilter']);
    assert.equal(filterText({ ...filter, chain: undefined, rules: 1, includes: [], usedBy: 0 }).description, '1 rule');
    assert.equal(text.tooltip[2], 'Referenced by 3 interfaces or filters of this connection');
  });

  it('a connection says how many pools and filters it has, or why they were not read', () => {
    assert.equal(connectionText({ ...connection, pools: [pool], filters: [filter, filter] }).tooltip[2], '1 pool · 2 network filters (read-only)');
    assert.equal(connectionText({ ...connection, storageFailure: 'permission denied' }).tooltip[2], 'Pools and filters not read: permission denied.');
  });
});
