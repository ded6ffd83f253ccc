import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { isRefusal } from './rename';
import { domainWithDevices, storageAndFilterFiles, workspaceWithCursor } from '../testing';
import { labels } from '../testing/completionLists';
import { describeLocations } from '../testing/locations';

const service = getLanguageService();

/** The test workspace's pools, volumes and filters, and a guest whose devices carry the `|` cursor. */
function guestWith(devices: string) {
  return workspaceWithCursor({ ...storageAndFilterFiles, 'domains/guest.xml': domainWithDevices(devices) });
}

function completionAt(devices: string): string[] {
  const workspace = guestWith(devices);
  return labels(service.doComplete(workspace.at.document, workspace.at.position, workspace.index));
}

const volumeDisk = (source: string) => `<disk type='volume' device='disk'><source ${source}/><target dev='vda' bus='virtio'/></disk>`;
const filterInterface = (filterref: string) => `<interface type='bridge'><source bridge='br0'/>${filterref}</interface>`;

describe('completion of pools, volumes, filters and filter parameters', () => {
  it("offers the known pools in a volume disk's <source pool>", () => {
    assert.deepEqual(completionAt(volumeDisk("pool='|'")), ['ceph', 'default']);
  });

  it('offers the volumes of the pool named beside it, and none of another pool', () => {
    assert.deepEqual(completionAt(volumeDisk("pool='default' volume='|'")), ['data.img', 'disk1.qcow2']);
    assert.deepEqual(completionAt(volumeDisk("pool='ceph' volume='|'")), []);
  });

  it('offers the known filters in <filterref filter>', () => {
    assert.deepEqual(completionAt(filterInterface("<filterref filter='|'/>")), ['s6-child', 's6-top']);
  });

  it("offers the variables of the filterref's chain, the missing one first", () => {
    const workspace = guestWith(filterInterface("<filterref filter='s6-top'><parameter name='|' value='x'/></filterref>"));
    const list = service.doComplete(workspace.at.document, workspace.at.position, workspace.index);
    const sorted = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((item) => item.label);
    assert.deepEqual(sorted, ['DEST', 'CTRL_IP_LEARNING', 'DHCPSERVER', 'IP']);
  });
});

describe('navigation of pools, volumes and filters', () => {
  it('goes from a volume disk to its pool and its volume, and from a filterref to the filter', () => {
    const at = (devices: string) => {
      const workspace = guestWith(devices);
      return describeLocations(workspace, service.findDefinition(workspace.at.document, workspace.at.position, workspace.index));
    };
    assert.deepEqual(at(volumeDisk("pool='def|ault' volume='disk1.qcow2'")), ['storage/default.xml:2 default']);
    assert.deepEqual(at(volumeDisk("pool='default' volume='disk|1.qcow2'")), ['storage/default/disk1.qcow2.xml:2 disk1.qcow2']);
    assert.deepEqual(at(filterInterface("<filterref filter='s6-t|op'/>")), ['nwfilter/s6-top.xml:1 s6-top']);
  });

  it('finds the references to a filter: interfaces and other filters', () => {
    const workspace = workspaceWithCursor({
      ...storageAndFilterFiles,
      'nwfilter/s6-child.xml': storageAndFilterFiles['nwfilter/s6-child.xml'].replace("name='s6-child'", "name='s6-ch|ild'"),
      'domains/guest.xml': domainWithDevices(filterInterface("<filterref filter='s6-child'/>")),
    });
    assert.deepEqual(describeLocations(workspace, service.findReferences(workspace.at.document, workspace.at.position, workspace.index, false)), [
      'domains/guest.xml:4 s6-child',
      'nwfilter/s6-top.xml:2 s6-child',
    ]);
  });

  it('refuses to rename a pool, saying why', () => {
    const workspace = guestWith(volumeDisk("pool='def|ault' volume='disk1.qcow2'"));
    const answer = service.prepareRename(workspace.at.document, workspace.at.position, workspace.index);
    assert.ok(isRefusal(answer));
    assert.match(answer.refusal, /fixes a pool's name once it is defined on a host/);
  });
});

describe('hover on pools, volumes and filters', () => {
  const hoverAt = (devices: string) => {
    const workspace = guestWith(devices);
    const hover = service.doHover(workspace.at.document, workspace.at.position, workspace.index);
    return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  };

  it("on a volume disk's pool and volume: what they are and where", () => {
    assert.match(
      hoverAt(volumeDisk("pool='def|ault' volume='disk1.qcow2'")),
      /\*\*storage pool\*\* `default` \(type `dir`, target `\/var\/lib\/libvirt\/images`\)/,
    );
    assert.match(
      hoverAt(volumeDisk("pool='default' volume='disk|1.qcow2'")),
      /\*\*volume\*\* `disk1.qcow2` of pool `default`: `\/var\/lib\/libvirt\/images\/disk1.qcow2`/,
    );
  });

  it("on an interface's filterref: the chain and the variables it lacks", () => {
    const text = hoverAt(filterInterface("<filterref filter='s6-t|op'/>"));
    assert.match(text, /Expands to 2 rules from `s6-top` → `s6-child`$/m);
    assert.match(text, /Variables: `IP` · `DEST`$/m);
    assert.match(text, /Not given: `DEST`$/m);
  });
});

describe('code lens on pools, volumes and filters', () => {
  it('counts the volume disks and filterrefs that name them', () => {
    const workspace = workspaceWithCursor({
      ...storageAndFilterFiles,
      'domains/guest.xml': domainWithDevices(`${volumeDisk("pool='default' volume='disk1.qcow2'")}${filterInterface("<filterref filter='s6-child'/>")}|`),
    });
    const title = (name: string) => service.getCodeLenses(workspace.document(name), workspace.index).map((lens) => lens.command?.title);
    assert.deepEqual(title('storage/default.xml'), ['used by 1 volume disk']);
    assert.deepEqual(title('storage/ceph.xml'), ['used by no volume disk']);
    assert.deepEqual(title('nwfilter/s6-child.xml'), ['used by 2 filterrefs']);
  });
});
