import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { libvirtObjectUri } from '../../../protocol/src/libvirtUris';
import { computeFindings } from '../findings/documentFindings';
import { hostFolderOrigin, networkFolderOrigin } from '../index/definitionOrigin';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { indexedFileOf } from '../model/indexedFile';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { StringTable } from '../util/stringTable';
import { domainWith, network } from '../testing';
import { getLanguageService } from './languageService';

/*
 * Issue 14, item 2: which of several definitions of one network name a domain uses — open
 * documents, then workspace folders, then libvirtXml.networkPaths, then connections, then the
 * host folder — said on the domain's reference, in the hover and in the shadowed file's lens.
 */
const withPremium = network('default', "  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='premium'/>");
const plain = network('default', "  <forward mode='bridge'/>\n  <bridge name='br0'/>");
const guestText = domainWith(`<interface type='network'><source network='default' portgroup='premium'/></interface>`);
const workspaceUri = 'file:///ws/networks/default.xml';
const folderUri = 'file:///aaa/default.xml'; // sorts first by path: precedence must not depend on it
const hostUri = 'file:///etc/libvirt/qemu/networks/default.xml';
const service = getLanguageService();

function closed(uri: string, text: string) {
  return indexedFileOf(parseLibvirtDocument(uri, text), new StringTable(100));
}

function setUp(options: { openWorkspaceCopy?: boolean } = {}) {
  const index = new WorkspaceIndex();
  index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
  const connectionUri = libvirtObjectUri({ connection: 'system', kind: 'network', name: 'default' });
  index.update(closed(hostUri, plain), hostFolderOrigin);
  index.update(closed(folderUri, plain), networkFolderOrigin);
  index.update(closed(connectionUri, plain), index.originOf(connectionUri));
  const workspaceCopy = parseLibvirtDocument(workspaceUri, withPremium, options.openWorkspaceCopy ? 3 : 0);
  index.update(options.openWorkspaceCopy ? workspaceCopy : indexedFileOf(workspaceCopy, new StringTable(100)));
  const guest = parseLibvirtDocument('file:///ws/domains/guest.xml', guestText, 1);
  index.update(guest);
  return { index, guest, workspaceCopy, connectionUri };
}

describe('network precedence', () => {
  it('the workspace file wins over a configured folder that sorts first, a connection and the host folder', () => {
    const { index, guest } = setUp();
    assert.deepEqual(
      index.networks('default').map((definition) => [definition.uri, definition.origin.kind]),
      [
        [workspaceUri, 'workspace'],
        [folderUri, 'network-folder'],
        [libvirtObjectUri({ connection: 'system', kind: 'network', name: 'default' }), 'connection'],
        [hostUri, 'host-folder'],
      ],
    );
    const codes = computeFindings(guest, index).map((finding) => finding.code);
    assert.ok(!codes.includes('unknown-portgroup'), codes.join(', '));
  });

  it('an open document wins over the workspace file of the same name', () => {
    const { index } = setUp();
    const openUri = 'file:///zzz/default.xml';
    index.update(parseLibvirtDocument(openUri, plain, 2), networkFolderOrigin);
    assert.equal(index.network('default')?.uri, openUri);
  });

  it('opening the shadowed file to read it does not make it win; an unsaved edit does', () => {
    const { index, guest } = setUp();
    index.update(parseLibvirtDocument(folderUri, plain, 1)); // opened, as saved (the server gives no origin: it keeps its folder's)
    assert.equal(index.network('default')?.uri, workspaceUri);
    assert.ok(!computeFindings(guest, index).some((finding) => finding.code === 'unknown-portgroup'));
    index.update(parseLibvirtDocument(folderUri, `${plain}\n`, 2)); // edited, not saved
    assert.equal(index.network('default')?.uri, folderUri);
    index.update(parseLibvirtDocument(folderUri, plain, 3)); // the edit undone
    assert.equal(index.originOf(folderUri).kind, 'network-folder');
    assert.equal(index.network('default')?.uri, workspaceUri);
  });

  it('the domain’s reference says the name has several definitions among the user’s files, with each as related information', () => {
    const { index, guest } = setUp();
    const duplicate = computeFindings(guest, index).find((finding) => finding.code === 'duplicate-network');
    assert.ok(duplicate);
    assert.equal(duplicate.severity, 'warning');
    assert.match(duplicate.message, /^network 'default' is defined in 2 files: this interface uses the first by precedence/);
    assert.deepEqual(
      duplicate.related?.map((related) => [related.uri, related.message]),
      [
        [workspaceUri, 'used by this interface'],
        [folderUri, 'also defined here, not used'],
      ],
    );
  });

  it('the shadowed file’s lens says which definition references use; the winner counts them', () => {
    const { index } = setUp();
    // The editor shows the file; the index keeps its closed record (open, it would win).
    const shadowed = parseLibvirtDocument(folderUri, plain, 1);
    const [lens] = service.getCodeLenses(shadowed, index);
    assert.equal(lens.command?.title, 'not used: references resolve to networks/default.xml');
    const { index: other, workspaceCopy } = setUp({ openWorkspaceCopy: true });
    const [winnerLens] = service.getCodeLenses(workspaceCopy, other);
    assert.equal(winnerLens.command?.title, 'used by 1 interface in 1 domain');
  });

  it('the hover on the shadowed definition names the one used', () => {
    const { index } = setUp();
    const shadowed = parseLibvirtDocument(folderUri, plain, 1);
    const offset = plain.indexOf("mode='bridge'") + 2;
    const hover = service.doHover(shadowed, shadowed.lines.positionAt(offset), index);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(
      value,
      /references resolve to \[`networks\/default\.xml`\]\(file:\/\/\/ws\/networks\/default\.xml#L\d+ "networks\/default\.xml, line \d+"\) · not to this definition/,
    );
  });

  it('the status names the definition used and the others, in precedence order, each with where it is', () => {
    const { index, guest, connectionUri } = setUp();
    const [status] = service.getResolvedStatus(guest, index).interfaces;
    assert.equal(status.provenance.network?.uri, workspaceUri);
    assert.deepEqual(
      status.otherNetworkDefinitions?.map((other) => [other.uri, other.label]),
      [
        [folderUri, 'aaa/default.xml (libvirtXml.networkPaths)'],
        [connectionUri, 'qemu:///system network default (on qemu:///system)'],
        [hostUri, 'networks/default.xml (host folder)'],
      ],
    );
    const alone = parseLibvirtDocument('file:///ws/domains/alone.xml', domainWith(`<interface type='network'><source network='solo'/></interface>`), 1);
    index.update(closed('file:///ws/networks/solo.xml', network('solo', "  <forward mode='bridge'/>\n  <bridge name='br1'/>")));
    assert.deepEqual(service.getResolvedStatus(alone, index).interfaces[0].otherNetworkDefinitions, []);
  });
});
