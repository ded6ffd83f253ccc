import assert from 'node:assert/strict';
import { rmSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FileChangeType, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { acceptFilterNamed, dirPoolNamed, guestWith, mynet, volumeAndFilterDevices, volumeNamed } from '../../server/src/testing';
import { useServer } from './sessionFixture';

function codes(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics.map((d) => String(d.code));
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function has(code: string) {
  return (params: PublishDiagnosticsParams) => codes(params).includes(code);
}

function lacks(code: string) {
  return (params: PublishDiagnosticsParams) => !codes(params).includes(code);
}

const onNetwork = (network: string, portgroup?: string) =>
  guestWith(`    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <source network='${network}'${portgroup ? ` portgroup='${portgroup}'` : ''}/>
    </interface>`);

describe('diagnostics over LSP', () => {
  const server = useServer();

  it('publishes the core findings on open, with severity, code and source', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/unknown.xml');
    await session.open(uri, onNetwork('mynte'));
    const published = await session.diagnosticsFor(uri, 'an unknown-network error', has('unknown-network'));
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-network')!;
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.source, 'libvirt-xml');
    assert.match(messageOf(unknown), /did you mean 'mynet'/);
    assert.deepEqual(unknown.data, { suggestions: ['mynet'] });
    assert.equal(published.version, 1);
  });

  it('publishes again after didChange', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/fixed.xml');
    await session.open(uri, onNetwork('mynte'));
    await session.diagnosticsFor(uri, 'an unknown-network error', has('unknown-network'));
    const version = await session.change(uri, onNetwork('mynet'));
    const fixed = await session.diagnosticsFor(uri, 'no unknown-network error', (p) => p.version === version);
    assert.deepEqual(codes(fixed), []);
    const broken = await session.change(uri, onNetwork('mynet').replace('</devices>', '</device>'));
    await session.diagnosticsFor(uri, 'a malformed-xml error', (p) => p.version === broken && codes(p).includes('malformed-xml'));
  });

  it('re-publishes an open domain when an open network it uses changes', async () => {
    const { session, fixture } = server();
    const domain = fixture.uri('workspace/domains/dependant.xml');
    const network = fixture.uri('workspace/networks/mynet.xml');
    await session.open(domain, onNetwork('mynet', 'plugh'));
    await session.diagnosticsFor(domain, 'no unknown-portgroup error', lacks('unknown-portgroup'));
    await session.open(network, mynet);
    await session.change(network, mynet.replace("name='plugh'", "name='plover'"));
    const broken = await session.diagnosticsFor(domain, 'an unknown-portgroup error', has('unknown-portgroup'));
    assert.match(messageOf(broken.diagnostics.find((d) => d.code === 'unknown-portgroup')!), /^Unknown portgroup 'plugh'/);
    assert.ok(
      session.statusChanges.some((change) => change.uris.includes(domain)),
      'the status view is told that the domain changed',
    );
    // Closing the network without saving: the index falls back to the file on disk, which has plugh.
    await session.close(network);
    await session.diagnosticsFor(domain, 'the unknown-portgroup error gone again', lacks('unknown-portgroup'));
    await session.diagnosticsFor(network, 'cleared diagnostics for the closed network', (p) => p.diagnostics.length === 0);
  });

  it('re-publishes when a watched network file appears or disappears on disk', async () => {
    const { session, fixture } = server();
    const domain = fixture.uri('workspace/domains/late.xml');
    await session.open(domain, onNetwork('latenet'));
    await session.diagnosticsFor(domain, 'an unknown-network error', has('unknown-network'));
    const network = fixture.write('workspace/networks/late.xml', '<network>\n  <name>latenet</name>\n</network>\n');
    await session.filesChanged([{ uri: network, type: FileChangeType.Created }]);
    await session.diagnosticsFor(domain, 'the unknown-network error gone', lacks('unknown-network'));
    unlinkSync(path.join(fixture.workspaceFolder, 'networks/late.xml'));
    await session.filesChanged([{ uri: network, type: FileChangeType.Deleted }]);
    await session.diagnosticsFor(domain, 'the unknown-network error back', has('unknown-network'));
  });

  it('re-publishes when a watched pool, volume or filter file appears or disappears on disk', async () => {
    const { session, fixture } = server();
    const domain = fixture.uri('workspace/domains/storage-late.xml');
    await session.open(domain, guestWith(volumeAndFilterDevices('latepool', 'late.qcow2', 'latefilter')));
    await session.diagnosticsFor(domain, 'unknown pool and filter', (p) => has('unknown-pool')(p) && has('unknown-filter')(p));
    const pool = fixture.write('workspace/storage/latepool.xml', dirPoolNamed('latepool'));
    const other = fixture.write('workspace/storage/latepool/other.xml', volumeNamed('other.qcow2'));
    await session.filesChanged([
      { uri: pool, type: FileChangeType.Created },
      { uri: other, type: FileChangeType.Created },
    ]);
    await session.diagnosticsFor(domain, 'the pool found, the volume not', (p) => lacks('unknown-pool')(p) && has('unknown-volume')(p));
    const volume = fixture.write('workspace/storage/latepool/late.xml', volumeNamed('late.qcow2'));
    const filter = fixture.write('workspace/nwfilter/late.xml', acceptFilterNamed('latefilter'));
    await session.filesChanged([{ uri: volume, type: FileChangeType.Created }]);
    await session.diagnosticsFor(domain, 'the volume found', lacks('unknown-volume'));
    await session.filesChanged([{ uri: filter, type: FileChangeType.Created }]);
    await session.diagnosticsFor(domain, 'the filter found', lacks('unknown-filter'));
    unlinkSync(path.join(fixture.workspaceFolder, 'nwfilter/late.xml'));
    await session.filesChanged([{ uri: filter, type: FileChangeType.Deleted }]);
    await session.diagnosticsFor(domain, 'the unknown-filter error back', has('unknown-filter'));
  });

  it('indexes a folder created on disk, for which the watcher reports only the folder', async () => {
    // VS Code reports a new folder (git checkout, cp -r, mkdir) by its own path; the files written
    // into it before its watch was set up are not reported one by one.
    const { session, fixture } = server();
    const domain = fixture.uri('workspace/domains/folder-late.xml');
    await session.open(domain, guestWith(volumeAndFilterDevices('folderpool', 'folder.qcow2', 'folderfilter')));
    await session.diagnosticsFor(domain, 'unknown pool and filter', (p) => has('unknown-pool')(p) && has('unknown-filter')(p));
    fixture.write('workspace/newstorage/folderpool.xml', dirPoolNamed('folderpool'));
    fixture.write('workspace/newstorage/folderpool/folder.xml', volumeNamed('folder.qcow2'));
    fixture.write('workspace/newfilters/folder.xml', acceptFilterNamed('folderfilter'));
    await session.filesChanged([
      { uri: fixture.uri('workspace/newstorage'), type: FileChangeType.Created },
      { uri: fixture.uri('workspace/newfilters'), type: FileChangeType.Created },
    ]);
    await session.diagnosticsFor(
      domain,
      'the pool, volume and filter found',
      (p) => lacks('unknown-pool')(p) && lacks('unknown-volume')(p) && lacks('unknown-filter')(p),
    );
    rmSync(path.join(fixture.workspaceFolder, 'newfilters'), { recursive: true });
    await session.filesChanged([{ uri: fixture.uri('workspace/newfilters'), type: FileChangeType.Deleted }]);
    await session.diagnosticsFor(domain, 'the unknown-filter error back', has('unknown-filter'));
  });

  it('points related information at the other file', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/networks/copy.xml');
    await session.open(uri, mynet);
    const published = await session.diagnosticsFor(uri, 'a duplicate-network warning', has('duplicate-network'));
    const duplicate = published.diagnostics.find((d) => d.code === 'duplicate-network')!;
    assert.equal(duplicate.severity, 2);
    assert.equal(duplicate.relatedInformation?.[0].location.uri, fixture.uri('workspace/networks/mynet.xml'));
    assert.deepEqual(duplicate.relatedInformation?.[0].location.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } });
  });

  it('a half-typed tag: one error at the tag being typed, on its line; no missing attribute until the tag is complete', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/typing.xml');
    await session.open(uri, guestWith(`    <inter`));
    const tag = await session.diagnosticsFor(uri, 'a malformed-xml error', has('malformed-xml'));
    assert.deepEqual(codes(tag), ['malformed-xml']);
    assert.equal(messageOf(tag.diagnostics[0]), "malformed XML: start tag <inter> has no '>': finish it with '>' or '/>'");
    assert.deepEqual(tag.diagnostics[0].range, { start: { line: 3, character: 5 }, end: { line: 3, character: 10 } });

    // Typing the source's attributes: the tag has no '>' yet, so no "Missing required attribute".
    const typing = `    <interface type='network'>\n      <source netw\n    </interface>`;
    const version = await session.change(uri, guestWith(typing));
    const attribute = await session.diagnosticsFor(uri, 'the half-typed <source>', (p) => p.version === version);
    assert.deepEqual(codes(attribute), ['malformed-xml']);
    assert.equal(messageOf(attribute.diagnostics[0]), "malformed XML: attribute 'netw' has no value: write netw='…'");
    assert.equal(attribute.diagnostics[0].range.start.line, 4);

    const done = await session.change(uri, guestWith(`    <interface type='network'>\n      <source/>\n    </interface>`));
    const complete = await session.diagnosticsFor(uri, 'the complete <source/>', (p) => p.version === done);
    assert.deepEqual(codes(complete), ['missing-network-name']);
  });
});
