import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  CodeActionRequest,
  DefinitionRequest,
  FileChangeType,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CodeAction,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { guestWith, mynet } from '../../server/src/testing';
import { applyWorkspaceEdit } from '../../server/src/testing/workspaceEdits';
import { useServer, withCursor, type Running } from './sessionFixture';

/** A domain whose one interface is `<source …>` as given. */
function guestOn(sourceAttributes: string): string {
  return guestWith(`    <interface type='network'>\n      <source ${sourceAttributes}/>\n    </interface>`);
}

function onDisk(uri: string): string {
  return readFileSync(fileURLToPath(uri), 'utf8');
}

/** The version each file of a WorkspaceEdit names (documentChanges form). */
function versions(edit: WorkspaceEdit | null): Record<string, number | null> {
  assert.ok(edit?.documentChanges, 'no documentChanges');
  return Object.fromEntries(
    edit.documentChanges.map((change) => ('textDocument' in change ? [change.textDocument.uri, change.textDocument.version] : ['', null])),
  );
}

describe('navigation and refactoring over LSP', () => {
  const server = useServer();

  /** Writes a domain on disk, tells the server, and waits until references to mynet reach it. */
  async function domainOnDisk({ session, fixture }: Running, relativePath: string, text: string): Promise<string> {
    const uri = fixture.write(relativePath, text);
    await session.filesChanged([{ uri, type: FileChangeType.Created }]);
    const networkUri = fixture.uri('workspace/networks/mynet.xml');
    await session.open(networkUri, mynet);
    await session.eventually(`${relativePath} to be indexed`, async () => {
      const references = await session.request(ReferencesRequest.type, {
        textDocument: { uri: networkUri },
        position: { line: 1, character: 9 },
        context: { includeDeclaration: false },
      });
      return references?.some((location: Location) => location.uri === uri) ? true : undefined;
    });
    await session.close(networkUri);
    return uri;
  }

  /** Deletes a file written by a test and tells the server, so later tests do not see it. */
  async function deleteFromDisk({ session }: Running, uri: string): Promise<void> {
    rmSync(fileURLToPath(uri));
    await session.filesChanged([{ uri, type: FileChangeType.Deleted }]);
  }

  it('goes to the definition in a file that is not open, and finds the references in open and closed files', async () => {
    const running = server();
    const { session, fixture } = running;
    const diskUri = await domainOnDisk(running, 'workspace/domains/nav-disk.xml', guestOn("network='mynet' portgroup='plugh'"));
    const uri = fixture.uri('workspace/domains/nav-open.xml');
    const { text, position } = withCursor(guestOn("network='my|net'"));
    await session.open(uri, text);
    const definition = await session.request(DefinitionRequest.type, { textDocument: { uri }, position });
    assert.deepEqual(definition, [
      { uri: fixture.uri('workspace/networks/mynet.xml'), range: { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } } },
    ]);
    const references = await session.request(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: false } });
    assert.deepEqual(references?.map((location) => location.uri).sort(), [diskUri, uri].sort());
    await session.close(uri);
    await deleteFromDisk(running, diskUri);
  });

  it('renames a network in one edit over open and closed files, and the edited files are exactly as expected', async () => {
    const running = server();
    const { session, fixture } = running;
    const diskText = guestOn("network='mynet' portgroup='xyzzy'");
    const diskUri = await domainOnDisk(running, 'workspace/domains/rename-disk.xml', diskText);
    const uri = fixture.uri('workspace/domains/rename-open.xml');
    const { text, position } = withCursor(guestOn('network="my|net"'));
    await session.open(uri, text);
    const networkUri = fixture.uri('workspace/networks/mynet.xml');

    const prepared = await session.request(PrepareRenameRequest.type, { textDocument: { uri }, position });
    assert.deepEqual(prepared, { range: { start: { line: 4, character: 23 }, end: { line: 4, character: 28 } }, placeholder: 'mynet' });
    const edit = await session.request(RenameRequest.type, { textDocument: { uri }, position, newName: "lab'net" });
    assert.deepEqual(versions(edit), { [uri]: 1, [networkUri]: null, [diskUri]: null });

    const before = { [uri]: text, [networkUri]: onDisk(networkUri), [diskUri]: onDisk(diskUri) };
    assert.deepEqual(applyWorkspaceEdit(before, edit!), {
      [uri]: text.replace('network="mynet"', `network="lab'net"`),
      [networkUri]: mynet.replace('<name>mynet</name>', "<name>lab'net</name>"),
      [diskUri]: diskText.replace("network='mynet'", "network='lab&apos;net'"),
    });
    await session.close(uri);
    await deleteFromDisk(running, diskUri);
  });

  it('refuses clearly to rename onto a taken name, or a network written outside the workspace', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/refuse.xml');
    const { text, position } = withCursor(guestOn("network='other|net'"));
    await session.open(uri, text);
    await assert.rejects(
      session.request(PrepareRenameRequest.type, { textDocument: { uri }, position }),
      /othernet\.xml, outside the workspace, and files there are read, never written/,
    );
    const mine = withCursor(guestOn("network='my|net'"));
    await session.change(uri, mine.text);
    await assert.rejects(
      session.request(RenameRequest.type, { textDocument: { uri }, position: mine.position, newName: 'othernet' }),
      /Cannot rename network 'mynet' to 'othernet': a network named 'othernet' is already defined/,
    );
    await session.close(uri);
  });

  it("offers quick fixes for an unknown portgroup: changing the name, or creating the portgroup in the network's closed file", async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/domains/fix.xml');
    const text = guestOn("network='mynet' portgroup='plug'");
    await session.open(uri, text);
    const published = await session.diagnosticsFor(uri, 'an unknown-portgroup error', (p) => p.diagnostics.some((d) => d.code === 'unknown-portgroup'));
    const diagnostics = published.diagnostics.filter((d) => d.code === 'unknown-portgroup');
    const actions = (await session.request(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) ?? [];
    const byTitle = new Map(actions.map((action) => [action.title, action as CodeAction]));
    assert.deepEqual([...byTitle.keys()], ["Change to 'plugh'", "Create portgroup 'plug' in network 'mynet'"]);

    const change = byTitle.get("Change to 'plugh'")!.edit!;
    assert.deepEqual(versions(change), { [uri]: 1 });
    assert.equal(applyWorkspaceEdit({ [uri]: text }, change)[uri], text.replace("portgroup='plug'", "portgroup='plugh'"));

    const networkUri = fixture.uri('workspace/networks/mynet.xml');
    const create = byTitle.get("Create portgroup 'plug' in network 'mynet'")!.edit!;
    assert.deepEqual(versions(create), { [networkUri]: null });
    assert.equal(
      applyWorkspaceEdit({ [networkUri]: onDisk(networkUri) }, create)[networkUri],
      mynet.replace('  </portgroup>\n</network>', "  </portgroup>\n  <portgroup name='plug'/>\n</network>"),
    );
    await session.close(uri);
  });

  it('offers "Remove floor" on a portgroup in an open network file', async () => {
    const { session, fixture } = server();
    const uri = fixture.uri('workspace/networks/floored.xml');
    const text =
      "<network>\n  <name>floored</name>\n  <portgroup name='a'>\n    <bandwidth>\n      <inbound average='100' floor='50'/>\n    </bandwidth>\n  </portgroup>\n</network>\n";
    await session.open(uri, text);
    const published = await session.diagnosticsFor(uri, 'a floor error', (p) => p.diagnostics.some((d) => d.code === 'floor-unsupported-by-network'));
    const diagnostics = published.diagnostics.filter((d) => d.code === 'floor-unsupported-by-network');
    const actions = (await session.request(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) ?? [];
    const remove = actions.find((action): action is CodeAction => action.title === 'Remove floor');
    assert.ok(remove?.edit);
    assert.equal(applyWorkspaceEdit({ [uri]: text }, remove.edit)[uri], text.replace(" floor='50'", ''));
    await session.close(uri);
  });
});
