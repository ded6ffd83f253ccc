import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  ExitNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createLspServer } from '../../server/src/lsp/lspServer';

/** The repository root (this file runs from out/test/protocol). */
const repositoryRoot = path.resolve(__dirname, '../../..');
export const bundledServer = path.join(repositoryRoot, 'dist/server.js');

/** Where the server under test runs: a child process, or this very process. */
export interface ServerProcess {
  /** The client's side of the connection. */
  readonly connection: ProtocolConnection;
  /** What initialize tells the server to watch: it exits when that process is gone. */
  readonly clientProcessId: number | null;
  readonly exitCode: number | null;
  readonly stderr: readonly string[];
  /** Shuts the server down politely, and makes sure it is gone. */
  stop(): Promise<void>;
}

/** The real bundled server (dist/server.js) as a child process, over stdio. */
export class ChildServerProcess implements ServerProcess {
  readonly connection: ProtocolConnection;
  readonly clientProcessId = process.pid;
  readonly stderr: string[] = [];
  private readonly child: ChildProcess;

  constructor() {
    if (!existsSync(bundledServer)) throw new Error(`${bundledServer} does not exist: run \`npm run build\` first`);
    this.child = spawn(process.execPath, [bundledServer, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const { stdout, stdin, stderr } = this.child;
    if (!stdout || !stdin || !stderr) throw new Error('the server process has no stdio pipes');
    this.connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 2000, 'the shutdown response');
      await this.connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 2000, 'the server to exit');
    } catch {
      // Whatever went wrong, the process must not outlive the test.
    } finally {
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
      this.connection.dispose();
    }
  }
}

/**
 * The server created in this process by createLspServer, over a pair of in-memory streams: no
 * bundle and no child process, so a test can step through it in a debugger.
 */
export class InProcessServer implements ServerProcess {
  readonly connection: ProtocolConnection;
  /** No process to watch: the server's watchdog would exit this very process. */
  readonly clientProcessId = null;
  readonly exitCode = null;
  readonly stderr: readonly string[] = [];
  private readonly serverConnection: Connection;

  constructor() {
    const clientToServer = new PassThrough();
    const serverToClient = new PassThrough();
    // Message readers, not raw streams: on a raw stream's end, createConnection exits the process.
    this.serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
    createLspServer(this.serverConnection).listen();
    this.connection = createProtocolConnection(new StreamMessageReader(serverToClient), new StreamMessageWriter(clientToServer));
  }

  /** Shutdown only: the exit notification would end this process, which is the test runner. */
  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 2000, 'the shutdown response');
    } catch {
      // Whatever went wrong, the connections are closed below.
    } finally {
      this.connection.dispose();
      this.serverConnection.dispose();
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
