import { spawn, type ChildProcess } from 'node:child_process';
import { parseLifecycleEvent, type LifecycleEvent } from './virshOutput';
import { stopWithThisProcess, virshArguments, virshEnvironment, type VirshTarget } from './virshProcess';

/** How long one event loop runs before it is started again (and everything read again). */
const loopSeconds = 600;

/** The event loops a connection follows: what virsh command each runs (`--loop --timeout` are added). */
export const eventCommands = {
  network: 'net-event --event lifecycle',
  domain: 'event --event lifecycle',
  /** Defined, undefined, started, stopped, built (created), deleted (virStoragePoolEventLifecycleType). */
  poolLifecycle: 'pool-event --event lifecycle',
  /** A pool refreshed (`virsh pool-refresh`, and after an upload to a volume): its volumes may differ. */
  poolRefresh: 'pool-event --event refresh',
} as const;

/**
 * libvirt's events of one kind, as `virsh net-event --loop`, `virsh event --loop` or `virsh
 * pool-event --loop` print them, one line each. The process ends when the daemon goes away (virsh prints
 * "Disconnected from … due to end of file") or cannot be reached; `ended` says so, with stderr.
 */
export class VirshEventStream {
  private child: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly target: VirshTarget,
    /** One of eventCommands. */
    private readonly command: string,
    private readonly onEvent: (event: LifecycleEvent) => void,
    private readonly ended: (stderr: string) => void,
  ) {}

  start(): void {
    // Bounded (--timeout): a loop left behind by a server that was killed outright ends by itself;
    // the stream's end makes the connection read everything again, so no event is lost meanwhile.
    const command = `${this.command} --loop --timeout ${loopSeconds}`;
    const child = spawn('virsh', virshArguments(this.target, command), { env: virshEnvironment(this.target), stdio: ['ignore', 'pipe', 'pipe'] });
    stopWithThisProcess(child);
    this.child = child;
    let pending = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseLifecycleEvent(line);
        if (event) this.onEvent(event);
      }
      if (pending.length > 1_000_000) pending = ''; // a line this long is no event
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    child.on('error', () => undefined); // ENOENT and the like: 'close' follows and reports the end
    child.on('close', () => {
      if (this.child === child) this.child = undefined;
      if (!this.stopped) this.ended(stderr);
    });
  }

  /** Stops the virsh process (by its PID, through the handle that started it). */
  stop(): void {
    this.stopped = true;
    this.child?.kill('SIGTERM');
    this.child = undefined;
  }
}
