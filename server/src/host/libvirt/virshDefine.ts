import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { classifyConnectionFailure, virshMissing, type ConnectionFailure } from './connectionFailure';
import type { ObjectKind } from './connectionReader';
import { runVirsh, type VirshRun, type VirshTarget } from './virshProcess';

/** A define: done, refused by libvirt (its own message), or the connection itself refused or failed. */
export type DefineOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: false; readonly failure: ConnectionFailure; readonly message: string };

const defineTimeoutMs = 60_000;
const defineCommand: Record<ObjectKind, string> = { network: 'net-define', domain: 'define' };
const dumpCommand: Record<ObjectKind, string[]> = { network: ['net-dumpxml', '--inactive', '--network'], domain: ['dumpxml', '--inactive', '--domain'] };

/**
 * Defines a network or domain from XML text as `virsh net-define FILE` / `virsh define FILE` do
 * (virNetworkDefineXML, virDomainDefineXML): through a file of its own in a folder only this
 * user can read, over the read-write connection, the file removed after. The file's path goes
 * to virsh as its own argument, so no character of it is interpreted.
 */
export async function defineFromText(target: VirshTarget, kind: ObjectKind, xml: string): Promise<DefineOutcome> {
  const folder = await mkdtemp(path.join(tmpdir(), 'libvirt-xml-define-'));
  try {
    const file = path.join(folder, `${kind}.xml`);
    await writeFile(file, xml, { mode: 0o600 });
    const run = await runVirsh({ ...target, readWrite: true }, [defineCommand[kind], '--file', file], defineTimeoutMs);
    if (run.status === 0 && !run.timedOut) return { ok: true };
    return refusal(target, run);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The persistent definition as the host holds it now (`net-dumpxml --inactive`), by UUID or
 * name passed as its own argument; read-only. For the check that nobody changed it meanwhile.
 * With `securityInfo` (domains: `dumpxml --security-info`, VIR_DOMAIN_XML_SECURE) over the
 * read-write connection: virDomainGetXMLDesc refuses the flag on a read-only one ("operation
 * forbidden: virDomainGetXMLDesc with secure flag").
 */
export async function dumpDefinition(
  target: VirshTarget,
  kind: ObjectKind,
  uuidOrName: string,
  securityInfo = false,
): Promise<{ xml?: string; message?: string }> {
  const secure = securityInfo && kind === 'domain';
  const command = secure ? ['dumpxml', '--inactive', '--security-info', '--domain'] : dumpCommand[kind];
  const run = await runVirsh({ ...target, readWrite: secure }, [...command, uuidOrName], defineTimeoutMs);
  if (run.status === 0 && run.stdout.trim().startsWith('<')) return { xml: `${run.stdout.trim()}\n` };
  return { message: libvirtMessage(run.stderr) || `virsh ${dumpCommand[kind][0]} failed` };
}

function refusal(target: VirshTarget, run: VirshRun): DefineOutcome {
  if (run.spawnError?.code === 'ENOENT') return { ok: false, failure: virshMissing(), message: virshMissing().reason };
  if (run.timedOut) return { ok: false, message: `virsh did not answer within ${defineTimeoutMs / 1000} s` };
  const message = libvirtMessage(run.stderr) || `virsh failed without a message (exit ${String(run.status)})`;
  if (/failed to connect to the hypervisor/i.test(run.stderr))
    return { ok: false, failure: classifyConnectionFailure(target.connectionUri, run.stderr), message };
  // Connected, but not allowed to change anything: a read-only socket (virNetServerClient's
  // readonly check), libvirt's access control (virAccessManagerCheck*), polkit.
  if (/operation forbidden: read only access prevents|access denied|not authorized/i.test(run.stderr)) {
    return {
      ok: false,
      failure: { kind: 'permission', reason: message, remedy: 'use a connection you may change, or ask its administrator for write access' },
      message,
    };
  }
  return { ok: false, message };
}

/**
 * libvirt's message from what virsh printed on failure: virsh's own first line ("Failed to
 * define network from FILE", which names our temporary file) left out, the "error: " prefixes
 * dropped; continuation lines (a schema's explanation) kept.
 */
export function libvirtMessage(stderr: string): string {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^error: Failed to define (network|domain) from /.test(line))
    .map((line) => line.replace(/^error:\s*/, ''))
    .join('\n');
}
