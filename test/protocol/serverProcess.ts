import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  ExitNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

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
  /** The server's process id, when it runs in a process of its own. */
  readonly pid: number | undefined;
  readonly stderr: readonly string[];
  /** Shuts the server down politely, and makes sure it is gone. */
  stop(): Promise<void>;
}

/** Which build of the server a child process runs, and with which node options. */
export interface ChildServerOptions {
  /** A bundled server; dist/server.js unless another build is compared (the benchmark's --server). */
  readonly serverPath?: string;
  /** Node options before the script, e.g. --cpu-prof (the benchmark's BENCH_SERVER_NODE_ARGS). */
  readonly nodeArgs?: readonly string[];
  /** The server's environment, over this process's (e.g. a PATH without virsh). */
  readonly env?: NodeJS.ProcessEnv;
  /** Run the server as this user (through runuser; the test runs as root), with this home folder. */
  readonly runAs?: { readonly user: string; readonly home: string };
}

/** The real bundled server (dist/server.js) as a child process, over stdio. */
export class ChildServerProcess implements ServerProcess {
  readonly connection: ProtocolConnection;
  readonly clientProcessId = process.pid;
  readonly stderr: string[] = [];
  private readonly child: ChildProcess;

  constructor(options: ChildServerOptions = {}) {
    const serverPath = options.serverPath ?? bundledServer;
    if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: run \`npm run build\` first`);
    const nodeCommand = [process.execPath, ...(options.nodeArgs ?? []), serverPath, '--stdio'];
    const runAs = options.runAs;
    this.child = runAs
      ? spawn('runuser', ['-u', runAs.user, '--', 'env', `HOME=${runAs.home}`, `XDG_RUNTIME_DIR=${runAs.home}/run`, ...nodeCommand], {
          stdio: ['pipe', 'pipe', 'pipe'],
        })
      : spawn(nodeCommand[0], nodeCommand.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const { stdout, stdin, stderr } = this.child;
    if (!stdout || !stdin || !stderr) throw new Error('the server process has no stdio pipes');
    this.connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get pid(): number | undefined {
    return this.child.pid;
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

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
