import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { filterNodes, poolNodes } from './libvirtStorageTree';

const documents: Record<string, string> = {
  'libvirt://system/pool/default.xml': `<pool type='dir'>\n  <name>default</name>\n  <target><path>/var/lib/libvirt/images</path></target>\n</pool>\n`,
  'libvirt://system/volume/default/root.qcow2.xml': `<volume type='file'>\n  <name>root.qcow2</name>\n  <target><path>/var/lib/libvirt/images/root.qcow2</path><format type='qcow2'/></target>\n</volume>\n`,
  'libvirt://system/volume/default/spare.img.xml': `<volume type='file'>\n  <name>spare.img</name>\n</volume>\n`,
  'libvirt://system/nwfilter/app.xml': `<filter name='app' chain='root'>\n  <filterref filter='base'/>\n  <rule action='accept' direction='in'><all/></rule>\n  <rule action='drop' direction='in'><all/></rule>\n</filter>\n`,
  'libvirt://system/nwfilter/base.xml': `<filter name='base' chain='ipv4'>\n  <rule action='accept' direction='out'><all/></rule>\n</filter>\n`,
  'libvirt://system/domain/web.xml':
    `<domain type='kvm'>\n  <name>web</name>\n  <devices>\n` +
    `    <disk type='volume' device='disk'><source pool='default' volume='root.qcow2'/><target dev='vda'/></disk>\n` +
    `    <disk type='volume' device='disk'><source pool='default' volume='nosuch'/><target dev='vdb'/></disk>\n` +
    `    <interface type='network'><source network='lan'/><filterref filter='app'/></interface>\n` +
    `  </devices>\n</domain>\n`,
};

describe('the Libvirt view’s pools, volumes and filters', () => {
  const index = new WorkspaceIndex();
  index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
  for (const [uri, text] of Object.entries(documents)) index.update(parseLibvirtDocument(uri, text), index.originOf(uri));
  const domains = ['libvirt://system/domain/web.xml'];

  it('reads each pool’s type and target, its volumes’ type, format and path, and counts the disks naming each', () => {
    const [pool] = poolNodes(
      [
        {
          uri: 'libvirt://system/pool/default.xml',
          uuid: 'u',
          name: 'default',
          runState: 'active',
          autostart: true,
          persistent: true,
          volumes: [
            { uri: 'libvirt://system/volume/default/spare.img.xml', name: 'spare.img' },
            { uri: 'libvirt://system/volume/default/root.qcow2.xml', name: 'root.qcow2' },
          ],
        },
      ],
      domains,
      index,
    );
    assert.deepEqual([pool.type, pool.targetPath, pool.state, pool.usedBy], ['dir', '/var/lib/libvirt/images', 'active', 2]);
    assert.deepEqual(
      pool.volumes.map((volume) => [volume.name, volume.type, volume.format, volume.path, volume.usedBy]),
      [
        ['root.qcow2', 'file', 'qcow2', '/var/lib/libvirt/images/root.qcow2', 1],
        ['spare.img', 'file', undefined, undefined, 0],
      ],
    );
  });

  it('reads each filter’s chain, rules and includes, and counts the interfaces and filters referencing it', () => {
    const nodes = filterNodes(
      [
        { uri: 'libvirt://system/nwfilter/base.xml', uuid: 'b', name: 'base' },
        { uri: 'libvirt://system/nwfilter/app.xml', uuid: 'a', name: 'app' },
      ],
      domains,
      index,
    );
    assert.deepEqual(
      nodes.map((node) => [node.name, node.chain, node.rules, node.includes, node.usedBy]),
      [
        ['app', 'root', 2, ['base'], 1],
        ['base', 'ipv4', 1, [], 1],
      ],
    );
  });
});
