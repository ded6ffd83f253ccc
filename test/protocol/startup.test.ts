import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  createProtocolConnection,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  WatchKind,
} from 'vscode-languageserver-protocol/node';
import { bundledServer, withTimeout } from './lspSession';
import { useServer } from './sessionFixture';

describe('server start over stdio', () => {
  const server = useServer();

  it('announces completion with its trigger characters, and hover', () => {
    const { capabilities } = server().session.initializeResult;
    assert.deepEqual([...(capabilities.completionProvider?.triggerCharacters ?? [])].sort(), [' ', '"', "'", '<']);
    assert.equal(capabilities.hoverProvider, true);
  });

  it('reports the first crawl as work-done progress, from begin to end', () => {
    const kinds = server().session.progress.map((p) => p.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
  });

  it('watches *.xml in the workspace and in the network folders outside it', async () => {
    const { session, fixture } = server();
    const registration = await session.waitFor('a file watcher registration', () =>
      session.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    const watchers = (registration.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers.map((w) => w.globPattern);
    assert.ok(watchers.includes('**/*.xml'));
    // Folders too (created or deleted): VS Code reports a new folder, not the files copied into it.
    const folderWatcher = (registration.registerOptions as { watchers: Array<{ globPattern: unknown; kind?: number }> }).watchers.find(
      (w) => w.globPattern === '**/*',
    );
    assert.equal(folderWatcher?.kind, WatchKind.Create | WatchKind.Delete);
    assert.ok(
      watchers.some((glob) => typeof glob === 'object' && glob !== null && (glob as { baseUri: string }).baseUri.endsWith('/netdefs')),
      `no watcher for ${fixture.networkFolder} in ${JSON.stringify(watchers)}`,
    );
  });

  it('indexes the workspace and the configured network folders', async () => {
    const { session } = server();
    const line = await session.waitFor('the indexing summary in the log', () => session.log.find((message) => message.startsWith('indexed ')));
    assert.match(line, /^indexed 2 libvirt documents/);
  });
});

describe('server start over node IPC', () => {
  it('answers initialize the way the VS Code client starts it', async () => {
    const child = fork(bundledServer, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await withTimeout(
        connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} }),
        10_000,
        'the initialize response over IPC',
      );
      assert.equal(result.capabilities.hoverProvider, true);
      await withTimeout(connection.sendRequest(ShutdownRequest.type), 5_000, 'the shutdown response over IPC');
    } finally {
      connection.dispose();
      child.kill('SIGKILL');
    }
  });
});
