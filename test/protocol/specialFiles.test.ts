import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CodeActionRequest, FileChangeType, RenameRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { guestWith } from '../../server/src/testing';
import { makeFifo, skipWithoutSpecialFiles } from '../../server/src/testing/specialFiles';
import type { LspSession } from './lspSession';
import { useServer } from './sessionFixture';

/**
 * Files that are not regular files, named `*.xml` in the workspace: FIFOs (an open for reading
 * blocks until a writer comes, a read never ends) and a link to a device (/dev/zero never ends).
 * The server must skip them with a reason, never open or read them so that a thread or the main
 * thread waits, and keep answering. Each group runs against a server of its own, so a server
 * that hangs fails its own tests only.
 */

function guestOn(sourceAttributes: string): string {
  return guestWith(`    <interface type='network'>\n      <source ${sourceAttributes}/>\n    </interface>`);
}

const networkXml = (name: string) => `<network>\n  <name>${name}</name>\n  <portgroup name='first'/>\n</network>\n`;

const has = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.every((d) => d.code !== code);

/** A request that must simply be answered: the server is not stuck. */
async function answersHover(session: LspSession, uri: string): Promise<void> {
  await session.hover(uri, { line: 4, character: 24 });
}

/** The most resident memory the server has had so far (Linux), in bytes: a passing spike counts too. */
function peakResidentBytes(pid: number): number | undefined {
  const statusFile = `/proc/${pid}/status`;
  if (!existsSync(statusFile)) return undefined;
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(statusFile, 'utf8'));
  return match ? Number(match[1]) * 1024 : undefined;
}

describe('an indexed network file replaced by a FIFO', { skip: skipWithoutSpecialFiles }, () => {
  const server = useServer();

  it('the create-portgroup quick fix and a rename answer, and so does the next request', async () => {
    const { session, fixture } = server();
    const networkUri = fixture.write('workspace/networks/fifonet.xml', networkXml('fifonet'));
    await session.filesChanged([{ uri: networkUri, type: FileChangeType.Created }]);
    const domain = fixture.uri('workspace/domains/fifo-user.xml');
    await session.open(domain, guestOn("network='fifonet' portgroup='nope'"));
    const published = await session.diagnosticsFor(domain, 'an unknown-portgroup error', has('unknown-portgroup'));
    const diagnostics = published.diagnostics.filter((d) => d.code === 'unknown-portgroup');

    // Replaced behind the watcher's back: the index still holds the file as read from disk.
    const networkPath = fileURLToPath(networkUri);
    unlinkSync(networkPath);
    makeFifo(networkPath);

    const actions =
      (await session.request(CodeActionRequest.type, { textDocument: { uri: domain }, range: diagnostics[0].range, context: { diagnostics } })) ?? [];
    assert.ok(!actions.some((action) => action.title.startsWith('Create portgroup')), 'a quick fix was built from a FIFO');
    await session.request(RenameRequest.type, { textDocument: { uri: domain }, position: { line: 4, character: 24 }, newName: 'renamed' });
    await answersHover(session, domain);

    // When the watcher does report it, the FIFO is skipped with its reason and the network is gone.
    await session.filesChanged([{ uri: networkUri, type: FileChangeType.Changed }]);
    await session.diagnosticsFor(domain, 'an unknown-network error', has('unknown-network'));
    await session.waitFor('the skip logged', () => session.log.find((line) => /fifonet\.xml: is a FIFO/.test(line)));
    await answersHover(session, domain);
    await session.close(domain);
  });
});

describe('FIFOs reported by the watcher, opened and closed', { skip: skipWithoutSpecialFiles }, () => {
  const server = useServer();

  it('do not starve the file-system threads: a new network file is still indexed', async () => {
    const { session, fixture } = server();
    const domain = fixture.uri('workspace/domains/late-user.xml');
    await session.open(domain, guestOn("network='latenet'"));
    await session.diagnosticsFor(domain, 'an unknown-network error', has('unknown-network'));

    // More FIFOs than node's 4 file-system threads, each in a notification of its own (handled concurrently).
    mkdirSync(path.join(fixture.workspaceFolder, 'fifos'));
    for (let i = 0; i < 6; i++) {
      const uri = fixture.uri(`workspace/fifos/watched${i}.xml`);
      makeFifo(fileURLToPath(uri));
      await session.filesChanged([{ uri, type: FileChangeType.Created }]);
    }
    for (let i = 0; i < 6; i++) {
      const uri = fixture.uri(`workspace/fifos/opened${i}.xml`);
      makeFifo(fileURLToPath(uri));
      await session.open(uri, networkXml(`opened${i}`));
      await session.close(uri); // the index falls back to the disk: a FIFO
    }

    const network = fixture.write('workspace/networks/late.xml', networkXml('latenet'));
    await session.filesChanged([{ uri: network, type: FileChangeType.Created }]);
    await session.diagnosticsFor(domain, 'the unknown-network error gone', lacks('unknown-network'));
    await answersHover(session, domain);
    await session.close(domain);
  });
});

describe('a link to /dev/zero named x.xml', { skip: skipWithoutSpecialFiles }, () => {
  const server = useServer();

  it('is skipped as a device, not read', async () => {
    const { session, fixture } = server();
    const domain = fixture.uri('workspace/domains/zero-user.xml');
    await session.open(domain, guestOn("network='mynet'"));
    await answersHover(session, domain);
    const pid = session.pid;
    const before = pid === undefined ? undefined : peakResidentBytes(pid);

    const uri = fixture.uri('workspace/x.xml');
    symlinkSync('/dev/zero', fileURLToPath(uri));
    await session.filesChanged([{ uri, type: FileChangeType.Created }]);
    const logged = await session.waitFor('the skip logged', () => session.log.find((line) => /\/x\.xml: /.test(line)));
    await answersHover(session, domain);

    const after = pid === undefined ? undefined : peakResidentBytes(pid);
    if (before !== undefined && after !== undefined) {
      assert.ok(after - before < 50 * 1024 * 1024, `the server's peak memory grew by ${Math.round((after - before) / 1024 / 1024)} MB`);
    }
    assert.match(logged, /x\.xml: is a character device$/);
    await session.close(domain);
  });
});
