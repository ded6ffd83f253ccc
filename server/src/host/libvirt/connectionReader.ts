import { lastErrorLine, type ConnectionFailure } from './connectionFailure';
import { runVirshBatch } from './virshBatch';
import { objectStateCommands, readObjectStates, type ObjectState } from './objectStates';
import { parseUuidList } from './virshOutput';
import type { VirshTarget } from './virshProcess';

export type ObjectKind = 'network' | 'domain';

/** One network or domain as the connection defines it: its persistent definition's XML, and whether it runs. */
export interface DefinedObject {
  readonly uuid: string;
  readonly xml: string;
  readonly state: ObjectState;
}

export type ReadResult = { readonly ok: true; readonly objects: readonly DefinedObject[] } | { readonly ok: false; readonly failure: ConnectionFailure };

const listCommand: Record<ObjectKind, string> = { network: 'net-list --all --uuid', domain: 'list --all --uuid' };
const dumpCommand: Record<ObjectKind, string> = { network: 'net-dumpxml', domain: 'dumpxml' };

/**
 * Every network (or domain) of a connection, active and inactive, with its persistent
 * definition and state: one virsh process lists them (and which are active, autostarted,
 * persistent), one more dumps them all. Objects are named by UUID, so no name (spaces, quotes,
 * any script) ever passes through virsh's command parser. An object undefined between the two
 * steps is simply not in the result.
 */
export async function readDefinedObjects(target: VirshTarget, kind: ObjectKind): Promise<ReadResult> {
  const listed = await runVirshBatch(target, [listCommand[kind], ...objectStateCommands(kind)]);
  if (!listed.ok) return listed;
  const uuids = parseUuidList(listed.outputs[0].stdout);
  const stateOf = readObjectStates(
    kind,
    listed.outputs.slice(1).map((output) => output.stdout),
  );
  if (uuids.length === 0) return { ok: true, objects: [] };
  const dumped = await dumpAll(target, kind, uuids, true);
  if (!dumped.ok) return dumped;
  // A driver without the persistent definition (libvirt's test driver, some remote hypervisors
  // refuse VIR_NETWORK_XML_INACTIVE with "unsupported flags") gives the current one instead.
  const refused = uuids.filter((_, i) => !dumped.xml[i] && /unsupported flags/.test(dumped.errors[i]));
  const current = refused.length > 0 ? await dumpAll(target, kind, refused, false) : undefined;
  const objects: DefinedObject[] = [];
  uuids.forEach((uuid, i) => {
    const xml = dumped.xml[i] ?? (current?.ok ? current.xml[refused.indexOf(uuid)] : undefined);
    if (xml) objects.push({ uuid: uuid.toLowerCase(), xml, state: stateOf(uuid) });
  });
  return { ok: true, objects };
}

type Dumps =
  { readonly ok: true; readonly xml: (string | undefined)[]; readonly errors: string[] } | { readonly ok: false; readonly failure: ConnectionFailure };

/** One virsh process dumping every object named; an object undefined meanwhile has no XML. */
async function dumpAll(target: VirshTarget, kind: ObjectKind, uuids: readonly string[], inactive: boolean): Promise<Dumps> {
  const command = `${dumpCommand[kind]}${inactive ? ' --inactive' : ''}`;
  const dumped = await runVirshBatch(
    target,
    uuids.map((uuid) => `${command} ${uuid}`),
  );
  if (!dumped.ok) return dumped;
  return {
    ok: true,
    xml: dumped.outputs.map((output) => (output.stdout.trim().startsWith('<') ? `${output.stdout.trim()}\n` : undefined)),
    errors: dumped.outputs.map((output) => output.stderr),
  };
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
  return { error: lastErrorLine(stderr) || `no domain '${domain}'` };
}
