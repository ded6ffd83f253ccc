import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * The real libvirtd of test/oracle/setup.sh, driven as an administrator would (virsh as root),
 * for the tests of the live connection, the libvirt group and the host audit. Object names
 * start with "oracle-": teardown.sh removes leftovers of an interrupted run by that prefix.
 */

export const systemUri = 'qemu:///system';
const repositoryRoot = path.resolve(__dirname, '../../..');
export const cli = path.join(repositoryRoot, 'dist/cli.js');
const stateFolder = process.env.ORACLE_STATE_DIR ?? path.join(repositoryRoot, '.cache/oracle');

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { maxBuffer: 64 << 20, timeout: 60_000, env: options.env ?? process.env }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ status, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** virsh as root on the system daemon; throws with virsh's message when it fails. */
export async function virsh(...args: string[]): Promise<string> {
  const result = await run('virsh', ['-q', '-c', systemUri, ...args], { env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) throw new Error(`virsh ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Defines an object from XML (through a file, as an administrator would). */
export async function define(kind: 'network' | 'domain', xml: string): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'oracle-live-'));
  try {
    const file = path.join(folder, `${kind}.xml`);
    writeFileSync(file, xml);
    await virsh(kind === 'network' ? 'net-define' : 'define', file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Undefines (and stops) an object if it exists; silent otherwise. */
export async function undefine(kind: 'network' | 'domain', name: string): Promise<void> {
  const env = { ...process.env, LC_ALL: 'C' };
  await run('virsh', ['-q', '-c', systemUri, kind === 'network' ? 'net-destroy' : 'destroy', name], { env });
  await run('virsh', ['-q', '-c', systemUri, kind === 'network' ? 'net-undefine' : 'undefine', name], { env });
}

export function bridgeNetworkXml(name: string, body = ''): string {
  return `<network>\n  <name>${name}</name>\n  <forward mode='bridge'/>\n  <bridge name='br0'/>\n${body}</network>\n`;
}

/** A QEMU domain without disks (defines in milliseconds, starts without a guest OS). */
export function domainXml(name: string, interfaces: string): string {
  return (
    `<domain type='qemu'>\n  <name>${name}</name>\n  <memory unit='MiB'>64</memory>\n` +
    `  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n  <devices>\n${interfaces}  </devices>\n</domain>\n`
  );
}

/** A folder any user can read, for a workspace served to a non-root server. */
export function sharedFolder(files: Readonly<Record<string, string>>): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'oracle-live-ws-'));
  chmodSync(folder, 0o755);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(folder, name), text);
    chmodSync(path.join(folder, name), 0o644);
  }
  return folder;
}

export interface TestUser {
  readonly user: string;
  readonly home: string;
}

/**
 * A system user for the tests of the libvirt group, created if missing, with a home folder of
 * its own; in the `libvirt` group or not.
 */
export function testUser(user: string, inLibvirtGroup: boolean): TestUser {
  if (spawnSync('getent', ['passwd', user]).status !== 0) {
    const created = spawnSync('useradd', ['-r', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', user], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`useradd ${user}: ${created.stderr}`);
  }
  const groups = spawnSync('usermod', ['-G', inLibvirtGroup ? 'libvirt' : '', user], { encoding: 'utf8' });
  if (groups.status !== 0) throw new Error(`usermod ${user}: ${groups.stderr}`);
  const home = mkdtempSync(path.join(os.tmpdir(), `${user}-home-`));
  mkdirSync(path.join(home, 'run'));
  const ids = spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim();
  chownSync(home, Number(ids), 0);
  chownSync(path.join(home, 'run'), Number(ids), 0);
  chmodSync(home, 0o700);
  return { user, home };
}

/** Runs a command as a test user (runuser; the tests run as root). */
export function runAs(user: TestUser, command: string, args: readonly string[]): Promise<Run> {
  return run('runuser', ['-u', user.user, '--', 'env', `HOME=${user.home}`, `XDG_RUNTIME_DIR=${user.home}/run`, 'LC_ALL=C', command, ...args]);
}

/** The PID of the libvirtd setup.sh started, or undefined when it runs one it did not start. */
export function ourLibvirtdPid(): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(stateFolder, 'libvirtd.pid'), 'utf8').trim());
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'libvirtd' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Stops our libvirtd (by its PID) and waits until it is gone. */
export async function stopLibvirtd(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`libvirtd (pid ${pid}) did not stop within 10 s`);
}

/** Starts libvirtd again as setup.sh does (idempotent), and waits until it answers. */
export async function startLibvirtd(): Promise<void> {
  const result = await run('bash', [path.join(repositoryRoot, 'test/oracle/setup.sh')]);
  if (result.status !== 0) throw new Error(`setup.sh: ${result.stderr.trim() || result.stdout.trim()}`);
}
