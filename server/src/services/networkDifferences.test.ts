import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { libvirtObjectUri } from '../../../protocol/src/libvirtUris';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { domainWith, network, networkOf, workspaceWithCursor } from '../testing';
import { getLanguageService } from './languageService';
import { networkDifferences } from './networkDifferences';

const fileLan = network(
  'lan',
  `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='gold'><bandwidth><inbound average='1000'/></bandwidth></portgroup>`,
);
const hostLan = network(
  'lan',
  `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='gold'><bandwidth><inbound average='500'/></bandwidth></portgroup>\n  <portgroup name='silver'/>`,
);

describe('network differences', () => {
  it('names the parts an interface depends on that differ, and nothing for a reformatted copy', () => {
    const a = networkOf(parseLibvirtDocument('file:///a.xml', fileLan));
    const b = networkOf(parseLibvirtDocument('file:///b.xml', hostLan));
    assert.deepEqual(networkDifferences(a, b), ["portgroup 'gold'", "portgroup 'silver'"]);
    const reformatted = networkOf(parseLibvirtDocument('file:///c.xml', fileLan.replace(/\n {2}/g, '\n    ').replace("mode='bridge'", 'mode="bridge"')));
    assert.deepEqual(networkDifferences(a, reformatted), []);
    const nat = networkOf(parseLibvirtDocument('file:///d.xml', network('lan', '')));
    assert.deepEqual(networkDifferences(a, nat).slice(0, 2), ['forward mode', 'bridge']);
  });

  it('the hover on a reference says the file wins and what the connection’s copy differs in', () => {
    const workspace = workspaceWithCursor({
      'lan.xml': fileLan,
      'guest.xml': domainWith(`<interface type='network'><source network='l|an'/></interface>`),
    });
    const { index } = workspace;
    index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
    const uri = libvirtObjectUri({ connection: 'system', kind: 'network', name: 'lan' });
    index.update(parseLibvirtDocument(uri, hostLan), index.originOf(uri));
    const hover: Hover | null = getLanguageService().doHover(workspace.at.document, workspace.at.position, index);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(
      value,
      /also defined on `qemu:\/\/\/system` · \[`qemu:\/\/\/system network lan`\]\(libvirt:\/\/system\/network\/lan\.xml#L2 "qemu:\/\/\/system network lan, line 2"\) · differs in portgroup 'gold', portgroup 'silver'/,
    );
  });
});

describe('rename beside a libvirt connection', () => {
  it('edits the user’s files only, and refuses from the connection’s read-only view', () => {
    const workspace = workspaceWithCursor({
      'lan.xml': fileLan.replace('<name>lan</name>', '<name>l|an</name>'),
      'guest.xml': domainWith(`<interface type='network'><source network='lan'/></interface>`),
    });
    const { index } = workspace;
    index.setConnections([{ uri: 'qemu:///system', label: 'system' }]);
    const networkUri = libvirtObjectUri({ connection: 'system', kind: 'network', name: 'lan' });
    const domainUri = libvirtObjectUri({ connection: 'system', kind: 'domain', name: 'vm' });
    index.update(parseLibvirtDocument(networkUri, hostLan), index.originOf(networkUri));
    const hostDomain = parseLibvirtDocument(domainUri, domainWith(`<interface type='network'><source network='lan'/></interface>`));
    index.update(hostDomain, index.originOf(domainUri));
    const service = getLanguageService();
    const answer = service.doRename(workspace.at.document, workspace.at.position, 'wan', index);
    assert.ok('edit' in answer, JSON.stringify(answer));
    const touched = Object.keys(answer.edit.changes ?? {}).concat(
      (answer.edit.documentChanges ?? []).map((change) => ('textDocument' in change ? change.textDocument.uri : '')),
    );
    assert.deepEqual(touched.sort(), ['file:///ws/guest.xml', 'file:///ws/lan.xml']);
    const fromView = service.doRename(hostDomain, { line: 0, character: 0 }, 'wan', index);
    assert.ok('refusal' in fromView);
    assert.match(fromView.refusal, /libvirt connection defines, shown read-only/);
  });
});
