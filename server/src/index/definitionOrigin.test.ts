import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { libvirtObjectUri } from '../../../protocol/src/libvirtUris';
import { computeFindings } from '../findings/documentFindings';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { domainWith, network, uriOf } from '../testing';
import { hostFolderOrigin } from './definitionOrigin';
import { WorkspaceIndex } from './workspaceIndex';

const onSystem = libvirtObjectUri({ connection: 'system', kind: 'network', name: 'lan' });
const onSession = libvirtObjectUri({ connection: 'session', kind: 'network', name: 'lan' });
const guest = parseLibvirtDocument(uriOf('guest.xml'), domainWith(`<interface type='network'><source network='lan'/></interface>`));

function indexWith(...entries: ReadonlyArray<[uri: string, text: string, host?: boolean]>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.setConnections([
    { uri: 'qemu:///system', label: 'system' },
    { uri: 'qemu:///session', label: 'session' },
  ]);
  for (const [uri, text, host] of entries) {
    const document = parseLibvirtDocument(uri, text);
    index.update(document, host ? hostFolderOrigin : index.originOf(uri));
  }
  index.update(guest);
  return index;
}

describe('definition origins', () => {
  it('a workspace file wins over a connection, a connection over the host folder, connections in their order', () => {
    const all = indexWith(
      [onSession, network('lan', '')],
      ['file:///etc/libvirt/qemu/networks/lan.xml', network('lan', ''), true],
      [onSystem, network('lan', '')],
      [uriOf('lan.xml'), network('lan', '')],
    );
    assert.deepEqual(
      all.networks('lan').map((definition) => [definition.uri, definition.origin.kind]),
      [
        [uriOf('lan.xml'), 'workspace'],
        [onSystem, 'connection'],
        [onSession, 'connection'],
        ['file:///etc/libvirt/qemu/networks/lan.xml', 'host-folder'],
      ],
    );
    const withoutFile = indexWith([onSession, network('lan', '')], [onSystem, network('lan', '')]);
    assert.equal(withoutFile.network('lan')?.uri, onSystem);
  });

  it('a network on a connection and in a file is no duplicate; two files are', () => {
    const index = indexWith([onSystem, network('lan', '')], [uriOf('lan.xml'), network('lan', '')]);
    const file = parseLibvirtDocument(uriOf('lan.xml'), network('lan', ''));
    assert.deepEqual(
      computeFindings(file, index).map((finding) => finding.code),
      [],
    );
    index.update(parseLibvirtDocument(uriOf('copy.xml'), network('lan', '')));
    assert.deepEqual(
      computeFindings(file, index).map((finding) => finding.code),
      ['duplicate-network'],
    );
  });

  it('an unknown network is "not checked" while a connection could not be read, and "not found" otherwise', () => {
    const index = indexWith();
    assert.deepEqual(
      computeFindings(guest, index).map((finding) => finding.code),
      ['unknown-network'],
    );
    index.setUnreadableSources([{ name: 'qemu:///system', reason: "permission denied; join the 'libvirt' group" }]);
    const [finding] = computeFindings(guest, index);
    assert.equal(finding.code, 'network-not-checked');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^Network 'lan' could not be checked: .*qemu:\/\/\/system: permission denied/);
  });
});
