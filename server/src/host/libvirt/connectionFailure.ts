import type { UnreadableSource } from '../../index/definitionOrigin';

/**
 * Why a libvirt connection could not be read, in the user's terms, with what to do about it.
 * `kind` decides how loud to be: a permission problem or an error is said (once); a default
 * connection whose daemon is not running is only logged.
 */
export interface ConnectionFailure {
  readonly kind: 'no-virsh' | 'permission' | 'not-running' | 'error';
  /** One line: "permission denied (…)". */
  readonly reason: string;
  /** What to do: "join the 'libvirt' group …". */
  readonly remedy: string;
}

export function virshMissing(): ConnectionFailure {
  return {
    kind: 'no-virsh',
    reason: "'virsh' is not installed",
    remedy: 'install libvirt-clients (Debian, Ubuntu) or libvirt-client (Fedora), or set libvirtXml.connections to [] to stop asking',
  };
}

/**
 * Classifies what virsh printed when it could not connect (LC_ALL=C, libvirt 9.0 texts):
 * virNetSocketNewConnectUNIX's "Failed to connect socket to '…': <errno>", the daemon's
 * polkit and ACL refusals, and everything else as an error said as printed.
 */
export function classifyConnectionFailure(connectionUri: string, stderr: string): ConnectionFailure {
  const detail = lastErrorLine(stderr);
  if (/Permission denied|authentication (unavailable|failed)|access denied|not authorized|Unable to get system bus connection/i.test(stderr)) {
    return {
      kind: 'permission',
      reason: `permission denied (${detail})`,
      remedy:
        connectionUri === 'qemu:///system'
          ? "ask for access to the system daemon (on most distributions: join the 'libvirt' group, then log in again), or use qemu:///session"
          : 'check that your user may connect to this URI with virsh',
    };
  }
  if (/Failed to connect socket to '[^']*': (No such file or directory|Connection refused)|no connection driver available/i.test(stderr)) {
    return {
      kind: 'not-running',
      reason: `libvirtd is not running (${detail})`,
      remedy: connectionUri.includes('session')
        ? 'start a session daemon (virt-manager or GNOME Boxes does), or remove this connection'
        : 'start libvirtd (systemctl start libvirtd), or remove this connection',
    };
  }
  return { kind: 'error', reason: detail || 'virsh failed without a message', remedy: `check that 'virsh -c ${connectionUri} net-list' works` };
}

/** The last "error: …" line, without the prefix (virsh prints the generic line first, the cause last). */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const last = lines[lines.length - 1] ?? '';
  return last.replace(/^error:\s*/, '');
}

export function failureText(connectionUri: string, failure: ConnectionFailure): string {
  return `${connectionUri} could not be read: ${failure.reason}. To fix: ${failure.remedy}.`;
}

/**
 * Whether a failure is said to the user and makes unknown networks "not checked": always for a
 * connection the user named; for a default one, unless its daemon is simply not there (no
 * daemon, no networks of it) or virsh is not installed.
 */
export function isWorthSaying(explicit: boolean, failure: ConnectionFailure): boolean {
  return explicit || (failure.kind !== 'not-running' && failure.kind !== 'no-virsh');
}

/** A connection that could not be read, as the index lists it (findings say "could not be checked"). */
export function unreadableSource(connectionUri: string, failure: ConnectionFailure): UnreadableSource {
  return { name: connectionUri, reason: `${failure.reason}; ${failure.remedy}` };
}
