import type { ConnectionFailure } from './connectionFailure';
import { runVirshBatch } from './virshBatch';
import { objectStateCommands, readObjectStates, type ObjectState } from './objectStates';
import { parseUuidList } from './virshOutput';
import type { VirshTarget } from './virshProcess';

/** What a connection defines of storage and network filters, as libvirt reports it. */
export interface StorageAndFilters {
  readonly pools: readonly StoragePoolRead[];
  readonly volumes: readonly { readonly poolUuid: string; readonly poolName: string; readonly name: string; readonly xml: string }[];
  readonly filters: readonly { readonly uuid: string; readonly name: string; readonly xml: string }[];
}

/** A pool as read: its UUID (lower case), name, XML and state (active, autostart, persistent). */
export interface StoragePoolRead {
  readonly uuid: string;
  readonly name: string;
  readonly xml: string;
  readonly state: ObjectState;
}

export type StorageAndFiltersResult = { readonly ok: true; readonly objects: StorageAndFilters } | { readonly ok: false; readonly failure: ConnectionFailure };

/**
 * Every storage pool (active or not), the volumes of each active pool, and every network filter
 * of a connection, in three virsh processes: the lists (`pool-list --all --uuid`, the pool
 * state lists, `nwfilter-list`), then each pool's definition and volume list and each filter's definition
 * (named by UUID), then each volume's XML (`vol-dumpxml --pool UUID NAME`, the name quoted for
 * virsh's parser). A pool that is not active lists no volumes (libvirt refuses): it has none here.
 */
export async function readStorageAndFilters(target: VirshTarget): Promise<StorageAndFiltersResult> {
  const stateCommands = objectStateCommands('pool');
  const listed = await runVirshBatch(target, ['pool-list --all --uuid', 'nwfilter-list', ...stateCommands]);
  if (!listed.ok) return listed;
  const poolUuids = parseUuidList(listed.outputs[0].stdout).map((uuid) => uuid.toLowerCase());
  const filterUuids = parseFilterList(listed.outputs[1].stdout).map((uuid) => uuid.toLowerCase());
  const stateOf = readObjectStates(
    'pool',
    listed.outputs.slice(2).map((output) => output.stdout),
  );
  const commands = [
    // The current definition (name, type and target are the persistent one's); not --inactive,
    // which some drivers refuse ("unsupported flags", libvirt's test driver).
    ...poolUuids.map((uuid) => `pool-dumpxml ${uuid}`),
    ...poolUuids.map((uuid) => `vol-list --pool ${uuid}`),
    ...filterUuids.map((uuid) => `nwfilter-dumpxml ${uuid}`),
  ];
  if (commands.length === 0) return { ok: true, objects: { pools: [], volumes: [], filters: [] } };
  const dumped = await runVirshBatch(target, commands);
  if (!dumped.ok) return dumped;
  const xmlAt = (i: number) => (dumped.outputs[i].stdout.trim().startsWith('<') ? `${dumped.outputs[i].stdout.trim()}\n` : undefined);
  const pools: { uuid: string; name: string; xml: string; volumes: string[] }[] = [];
  poolUuids.forEach((uuid, i) => {
    const xml = xmlAt(i);
    const name = xml && nameElementOf(xml);
    if (xml && name !== undefined) pools.push({ uuid, name, xml, volumes: parseVolumeList(dumped.outputs[poolUuids.length + i].stdout) });
  });
  const filters = filterUuids.flatMap((uuid, i) => {
    const xml = xmlAt(2 * poolUuids.length + i);
    const name = xml && /<filter\b[^>]*\bname=(['"])(.*?)\1/.exec(xml)?.[2];
    return xml && name !== undefined ? [{ uuid, name: decodeXmlAttribute(name), xml }] : [];
  });
  const volumeCommands = pools.flatMap((pool) =>
    pool.volumes.map((volume) => ({ pool, volume, command: `vol-dumpxml --pool ${pool.uuid} ${quoted(volume)}` })),
  );
  const volumes =
    volumeCommands.length > 0
      ? await runVirshBatch(
          target,
          volumeCommands.map((entry) => entry.command),
        )
      : { ok: true as const, outputs: [] };
  if (!volumes.ok) return volumes;
  return {
    ok: true,
    objects: {
      pools: pools.map(({ uuid, name, xml }) => ({ uuid, name, xml, state: stateOf(uuid) })),
      volumes: volumeCommands.flatMap(({ pool, volume }, i) => {
        const text = volumes.outputs[i].stdout.trim();
        return text.startsWith('<') ? [{ poolUuid: pool.uuid, poolName: pool.name, name: volume, xml: `${text}\n` }] : [];
      }),
      filters,
    },
  };
}

/** `nwfilter-list`: a table of UUID and name; the UUIDs. */
export function parseFilterList(stdout: string): string[] {
  return stdout.split('\n').flatMap((line) => /^\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s/i.exec(line)?.[1] ?? []);
}

/** `vol-list`: a table of name and path below a line of dashes; the names (a name may hold single spaces). */
export function parseVolumeList(stdout: string): string[] {
  const lines = stdout.split('\n');
  const rule = lines.findIndex((line) => /^-{3,}\s*$/.test(line.trim()));
  return lines.slice(rule + 1).flatMap((line) => {
    const match = /^\s*(.+?)(?:\s{2,}\S.*)?$/.exec(line);
    return match && line.trim() !== '' ? [match[1]] : [];
  });
}

function nameElementOf(xml: string): string | undefined {
  const name = /<name>([^<]*)<\/name>/.exec(xml)?.[1];
  return name === undefined ? undefined : decodeXmlAttribute(name.trim());
}

function decodeXmlAttribute(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot);/g, (_, entity: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[entity] ?? '');
}

function quoted(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
