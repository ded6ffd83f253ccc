import type { ConnectionFailure } from './connectionFailure';
import { runVirshBatch } from './virshBatch';
import { parseUuidList } from './virshOutput';
import type { VirshTarget } from './virshProcess';

export type ObjectKind = 'network' | 'domain';

/** One network or domain as the connection defines it: its persistent definition's XML. */
export interface DefinedObject {
  readonly uuid: string;
  readonly xml: string;
}

export type ReadResult = { readonly ok: true; readonly objects: readonly DefinedObject[] } | { readonly ok: false; readonly failure: ConnectionFailure };

const listCommand: Record<ObjectKind, string> = { network: 'net-list --all --uuid', domain: 'list --all --uuid' };
const dumpCommand: Record<ObjectKind, string> = { network: 'net-dumpxml --inactive', domain: 'dumpxml --inactive' };

/**
 * Every network (or domain) of a connection, active and inactive, with its persistent
 * definition: one virsh process lists them, one more dumps them all. Objects are named by UUID,
 * so no name (spaces, quotes, any script) ever passes through virsh's command parser. An object
 * undefined between the two steps is simply not in the result.
 */
export async function readDefinedObjects(target: VirshTarget, kind: ObjectKind): Promise<ReadResult> {
  const listed = await runVirshBatch(target, [listCommand[kind]]);
  if (!listed.ok) return listed;
  const uuids = parseUuidList(listed.outputs[0].stdout);
  if (uuids.length === 0) return { ok: true, objects: [] };
  const dumped = await runVirshBatch(
    target,
    uuids.map((uuid) => `${dumpCommand[kind]} ${uuid}`),
  );
  if (!dumped.ok) return dumped;
  const objects: DefinedObject[] = [];
  dumped.outputs.forEach((output, i) => {
    const xml = output.stdout.trim();
    if (xml.startsWith('<')) objects.push({ uuid: uuids[i].toLowerCase(), xml: `${xml}\n` });
  });
  return { ok: true, objects };
}

/** The live XML of one domain (`virsh dumpxml NAME-OR-UUID`), for comparing with a prediction. */
export async function readLiveDomainXml(
  target: VirshTarget,
  domain: string,
  inactive: boolean,
): Promise<{ xml?: string; error?: string; failure?: ConnectionFailure }> {
  const quoted = `"${domain.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  const result = await runVirshBatch(target, [`dumpxml ${inactive ? '--inactive ' : ''}${quoted}`]);
  if (!result.ok) return { failure: result.failure };
  const { stdout, stderr } = result.outputs[0];
  if (stdout.trim().startsWith('<')) return { xml: stdout.trim() + '\n' };
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  return { error: (lines[lines.length - 1] ?? `no domain '${domain}'`).replace(/^error:\s*/, '') };
}
