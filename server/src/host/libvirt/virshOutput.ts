/*
 * Reading what `virsh` prints. Pure functions, so the shapes virsh prints (checked against
 * libvirt 9.0's virsh) are tested without a daemon.
 */

/** The line `echo` prints after command `index` of a batch, on stdout (and with `--err`, on stderr as "error: …"). */
export function batchMarker(nonce: string, index: number): string {
  return `@@libvirt-xml-${nonce}-${index}`;
}

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Splits a batch's output into each command's: after command i the batch echoes marker i on
 * both streams. A command whose marker never came (virsh stopped early) gets what was left.
 */
export function splitBatchOutput(stdout: string, stderr: string, nonce: string, count: number): CommandOutput[] {
  const outs = splitAtMarkers(stdout, nonce, count, '');
  const errs = splitAtMarkers(stderr, nonce, count, 'error: ');
  return outs.map((out, i) => ({ stdout: out, stderr: errs[i] }));
}

/**
 * virsh ends echo's line with a newline or not (with -q, not), so a marker is found as a string,
 * not as a line; on stderr it carries virsh's "error: " prefix.
 */
function splitAtMarkers(text: string, nonce: string, count: number, prefix: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count; i++) {
    const marker = `${prefix}${batchMarker(nonce, i)}`;
    const at = rest.indexOf(marker);
    if (at < 0) {
      parts.push(rest);
      rest = '';
      continue;
    }
    parts.push(rest.slice(0, at));
    let next = at + marker.length;
    if (rest[next] === '\n') next++;
    rest = rest.slice(next);
  }
  return parts;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `net-list --all --uuid` / `list --all --uuid`: one UUID a line, then an empty line; anything else is ignored. */
export function parseUuidList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => uuidPattern.test(line));
}

export interface LifecycleEvent {
  readonly kind: 'network' | 'domain' | 'pool';
  /** The object's name as printed (a name holding "': " cannot be told apart; callers re-read everything anyway). */
  readonly name: string;
  /** "Defined", "Undefined", "Started", "Stopped", …; "Refreshed" for a pool's refresh event, which has none. */
  readonly detail: string;
}

/**
 * A line of `virsh net-event --loop`, `virsh event --loop` or `virsh pool-event --loop`.
 * libvirt 9.0 prints the network's and the pool's name bare (virshNetworkEventLifecyclePrint:
 * `event 'lifecycle' for network default: Started`; virsh-pool.c's pool-event callbacks, as
 * seen on virsh 9.0: `event 'lifecycle' for storage pool default: Started`, and for a refresh,
 * which has no detail, `event 'refresh' for storage pool default`) and the domain's quoted, with a detail
 * (virshEventLifecyclePrint: `event 'lifecycle' for domain 'vm': Defined Added`).
 */
export function parseLifecycleEvent(line: string): LifecycleEvent | undefined {
  const text = line.replace(/\r$/, '');
  const refresh = /^event 'refresh' for storage pool (.+)$/.exec(text);
  if (refresh) return { kind: 'pool', name: refresh[1], detail: 'Refreshed' };
  const match = /^event '([a-z-]+)' for (network|domain|storage pool) (.*): ([A-Za-z]+(?: [A-Za-z]+)*)$/.exec(text);
  if (!match) return undefined;
  const quoted = /^'(.*)'$/.exec(match[3]);
  const kind = match[2] === 'storage pool' ? 'pool' : (match[2] as 'network' | 'domain');
  return { kind, name: kind === 'domain' && quoted ? quoted[1] : match[3], detail: match[4] };
}
