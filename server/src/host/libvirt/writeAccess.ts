import { classifyConnectionFailure, virshMissing } from './connectionFailure';
import { runVirsh, type VirshTarget } from './virshProcess';

/** Whether objects can be defined through a connection; when not, why, in plain words. */
export type WriteAccess = { readonly writable: true } | { readonly writable: false; readonly reason: string };

const probeTimeoutMs = 15_000;

/**
 * Asks libvirt whether this user may change the connection: `virsh -c URI uri` over the
 * read-write socket (no `-r`), which changes nothing. libvirt's test driver (`test:`) is read
 * inside each virsh process from its file, so what one defines is gone when it ends: it is
 * treated as read-only.
 */
export async function probeWriteAccess(target: VirshTarget): Promise<WriteAccess> {
  if (/^test(\+\w+)?:/i.test(target.connectionUri)) {
    return { writable: false, reason: `${target.connectionUri} is libvirt's test driver, which keeps no change once virsh ends` };
  }
  const run = await runVirsh({ ...target, readWrite: true }, ['uri'], probeTimeoutMs);
  if (run.status === 0) return { writable: true };
  const failure =
    run.spawnError?.code === 'ENOENT'
      ? virshMissing()
      : run.timedOut
        ? { reason: `virsh did not answer within ${probeTimeoutMs / 1000} s`, remedy: `check that 'virsh -c ${target.connectionUri} uri' answers` }
        : classifyConnectionFailure(target.connectionUri, run.stderr);
  return refusedChanges(target.connectionUri, failure);
}

/** The read-only reason of a connection that refused a change, in the words of the probe's. */
export function refusedChanges(connectionUri: string, failure: { readonly reason: string; readonly remedy: string }): WriteAccess {
  return { writable: false, reason: `${connectionUri} refuses changes: ${failure.reason}. To edit its objects: ${failure.remedy}` };
}

/** Each connection's write access, asked once and kept until the connection's state changes. */
export class WriteAccessCache {
  private readonly known = new Map<string, Promise<WriteAccess>>();

  get(target: VirshTarget): Promise<WriteAccess> {
    let access = this.known.get(target.connectionUri);
    if (!access) this.known.set(target.connectionUri, (access = probeWriteAccess(target)));
    return access;
  }

  /** A define was refused for lack of permission, although the probe let us in: say so from now on. */
  refused(connectionUri: string, access: WriteAccess): void {
    this.known.set(connectionUri, Promise.resolve(access));
  }

  /** The connection was lost, came back or was refused: ask again next time. */
  forget(connectionUri: string): void {
    this.known.delete(connectionUri);
  }
}
