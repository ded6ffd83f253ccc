import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import type { HostObjectInput } from './hostObjectInput';
import { buildLibvirtTree, type ConnectionInput } from './libvirtTree';

const network = `<network>
  <name>lan</name>
  <forward mode='nat'/>
  <bridge name='virbr7'/>
  <portgroup name='standard' default='YES'/>
  <portgroup name='premium'/>
</network>
`;
const domain = (name: string, sources: string[]) =>
  `<domain type='kvm'>\n  <name>${name}</name>\n  <devices>\n${sources.map((source) => `    <interface type='network'><source ${source}/></interface>\n`).join('')}  </devices>\n</domain>\n`;

function hostOf(documents: Record<string, string>): { index: WorkspaceIndex; objects: HostObjectInput[] } {
  const index = new WorkspaceIndex();
  index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
  const objects = Object.entries(documents).map(([uri, text]) => {
    index.update(parseLibvirtDocument(uri, text), index.originOf(uri));
    const name = /\/([^/]+)\.xml$/.exec(uri)?.[1] ?? '';
    return { uri, uuid: `uuid-${name}`, name, runState: uri.includes('/network/') ? 'active' : 'shut off', autostart: false, persistent: true };
  });
  return { index, objects };
}

describe('the Libvirt view’s tree', () => {
  const { index, objects } = hostOf({
    'libvirt://system/network/lan.xml': network,
    'libvirt://system/domain/web.xml': domain('web', ["network='lan'", "network='lan' portgroup='premium'", "network='lan' portgroup='premum'"]),
    'libvirt://system/domain/db.xml': domain('db', ["network='lan'"]),
  });
  const connection: ConnectionInput = {
    uri: 'qemu:///system',
    label: 'system',
    state: 'ready',
    networks: objects.filter((o) => o.uri.includes('/network/')),
    domains: objects.filter((o) => o.uri.includes('/domain/')),
  };
  const [tree] = buildLibvirtTree([connection], index);

  it('reads each network’s forward mode and bridge from its definition', () => {
    assert.deepEqual([tree.networks[0].forwardMode, tree.networks[0].bridge, tree.networks[0].state], ['nat', 'virbr7', 'active']);
  });

  it('counts a portgroup’s users as libvirt chooses: named, or the default (case-insensitive) when none is named; a misspelt name gets none', () => {
    assert.deepEqual(
      tree.networks[0].portgroups.map((group) => [group.name, group.isDefault, group.usedBy, group.usedByDomains]),
      [
        ['standard', true, 2, ['db', 'web']],
        ['premium', false, 1, ['web']],
      ],
    );
  });

  it('sorts domains by name and gives each interface the engine’s problems', () => {
    assert.deepEqual(
      tree.domains.map((d) => d.name),
      ['db', 'web'],
    );
    const web = tree.domains[1];
    assert.deepEqual(
      web.interfaces.map((i) => [i.portgroup, i.portgroupHow, i.problems.map((p) => p.code)]),
      [
        ['standard', 'default', []],
        ['premium', 'named', []],
        ['premum', 'unknown', ['unknown-portgroup']],
      ],
    );
    assert.equal(web.state, 'shut off');
  });

  it('shows an object the index does not hold (not read yet) with its state only', () => {
    const [bare] = buildLibvirtTree(
      [{ ...connection, networks: [{ ...connection.networks[0], uri: 'libvirt://system/network/gone.xml', name: 'gone' }], domains: [] }],
      index,
    );
    assert.deepEqual([bare.networks[0].forwardMode, bare.networks[0].portgroups], ['', []]);
  });
});
