/**
 * virsh for the suites of libvirt connections: whether a connection answers, and the changes a
 * user makes in a terminal (define, undefine) while the editor is open. Every call is bounded in
 * time and says why it failed.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

const virshTimeoutMs = 10_000;

export interface VirshResult {
  readonly ok: boolean;
  readonly stdout: string;
  /** What went wrong: virsh's last error line, or why it did not run. */
  readonly error: string;
}

export function virsh(connectionUri: string, ...args: string[]): Promise<VirshResult> {
  return new Promise((resolve) => {
    execFile('virsh', ['-c', connectionUri, ...args], { timeout: virshTimeoutMs, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const lastError = String(stderr)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .at(-1);
      const notInstalled = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({
        ok: !error,
        stdout: String(stdout),
        error: notInstalled ? "'virsh' is not installed" : (lastError ?? error?.message ?? '').replace(/^error:\s*/, ''),
      });
    });
  });
}

/** Undefined when `virsh -c URI list` answers; else why not. */
export async function connectionUnavailable(connectionUri: string): Promise<string | undefined> {
  const result = await virsh(connectionUri, 'list');
  return result.ok ? undefined : `'virsh -c ${connectionUri} list' did not answer: ${result.error || 'no reason given'}`;
}

/** `virsh net-define` of an XML text (through a temporary file, as virsh wants). */
export async function defineNetwork(connectionUri: string, xml: string): Promise<VirshResult> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'libvirt-xml-it-'));
  try {
    const file = path.join(folder, 'network.xml');
    await fs.writeFile(file, xml);
    return await virsh(connectionUri, 'net-define', file);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

export function undefineNetwork(connectionUri: string, name: string): Promise<VirshResult> {
  return virsh(connectionUri, 'net-undefine', name);
}

/** `virsh define` of a domain's XML text (through a temporary file). */
export async function defineDomain(connectionUri: string, xml: string): Promise<VirshResult> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'libvirt-xml-it-'));
  try {
    const file = path.join(folder, 'domain.xml');
    await fs.writeFile(file, xml);
    return await virsh(connectionUri, 'define', file);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** Stops (if running) and undefines a network or domain; silent when there is none. */
export async function removeObject(connectionUri: string, kind: 'network' | 'domain', name: string): Promise<void> {
  await virsh(connectionUri, kind === 'network' ? 'net-destroy' : 'destroy', name);
  await virsh(connectionUri, kind === 'network' ? 'net-undefine' : 'undefine', name);
}

/** `virsh pool-define` / `nwfilter-define` (or any define command) of an XML text, through a temporary file. */
export async function defineFrom(connectionUri: string, command: string, xml: string): Promise<VirshResult> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'libvirt-xml-it-'));
  try {
    const file = path.join(folder, 'object.xml');
    await fs.writeFile(file, xml);
    return await virsh(connectionUri, command, file);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
