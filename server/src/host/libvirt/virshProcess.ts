import { spawn, type ChildProcess } from 'node:child_process';

/**
 * How virsh is started: read-only (`-r`: reading is all the server does on its own, and the
 * read-only socket is the one libvirt opens to the most users) unless `readWrite` (a define the
 * user asked for by saving), English messages (we classify them), and, unless the user named the
 * connection, without libvirt starting a session daemon on our behalf (LIBVIRT_AUTOSTART=0,
 * honoured by the remote driver).
 */
export interface VirshTarget {
  readonly connectionUri: string;
  /** False for the default connections: asking must not start a daemon. */
  readonly autostart: boolean;
  /** Connect read-write (no `-r`): only for what the user asked to change. */
  readonly readWrite?: boolean;
}

/**
 * virsh's arguments: one command line (virsh parses it: `;` separates commands, quotes group),
 * or a command as separate arguments, which virsh takes as they are (no quoting needed, none
 * interpreted: a name or a path may hold any character).
 */
export function virshArguments(target: VirshTarget, command: string | readonly string[]): string[] {
  return [...(target.readWrite ? [] : ['-r']), '-q', '-c', target.connectionUri, ...(typeof command === 'string' ? [command] : command)];
}

export function virshEnvironment(target: VirshTarget): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  if (!target.autostart) env.LIBVIRT_AUTOSTART = '0';
  return env;
}

export interface VirshRun {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit status; null when virsh was killed (timeout). */
  readonly status: number | null;
  /** Set when virsh could not be started at all (ENOENT: not installed). */
  readonly spawnError?: NodeJS.ErrnoException;
  readonly timedOut: boolean;
}

const running = new Set<ChildProcess>();
let killOnExit = false;

/**
 * Keeps a virsh process on the list of those to stop when this process exits, so an event loop
 * does not outlive the server that started it (normal exit, an uncaught error). A server killed
 * outright cannot do that; its event loops end by their own timeout (see VirshEventStream).
 */
export function stopWithThisProcess(child: ChildProcess): void {
  running.add(child);
  child.once('close', () => running.delete(child));
  if (killOnExit) return;
  killOnExit = true;
  process.once('exit', () => {
    for (const orphan of running) orphan.kill('SIGTERM');
  });
}

/** Output beyond this is dropped: a connection's every definition is far below it. */
const maxOutputBytes = 256 * 1024 * 1024;

/** Runs `virsh -r -c URI 'COMMANDS'` (or `virsh -r -c URI COMMAND ARG…`) to its end (or until timeoutMs, then kills it by its PID). */
export function runVirsh(target: VirshTarget, command: string | readonly string[], timeoutMs: number): Promise<VirshRun> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn('virsh', virshArguments(target, command), { env: virshEnvironment(target), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ stdout: '', stderr: '', status: null, spawnError: error as NodeJS.ErrnoException, timedOut: false });
      return;
    }
    stopWithThisProcess(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxOutputBytes) into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status, spawnError, timedOut });
    });
  });
}
