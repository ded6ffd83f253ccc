import type { PoolDefinition, VolumeDefinition, WorkspaceIndex } from '../index/workspaceIndex';
import type { FindingCode } from '../model/finding';
import type { Ranged, VolumeDisk } from '../model/libvirtModel';
import type { Provenance, Sourced } from './provenance';

/*
 * What libvirt makes of a `<disk type='volume'><source pool volume [mode]/>` when the domain
 * starts, following libvirt 9.0's virDomainStorageSourceTranslateSourcePool (domain_conf.c,
 * called by virDomainDiskTranslateSourcePool from qemuProcessPrepareDomain): the pool's type and
 * the volume's type and path become the disk's actual type and source. The running domain keeps
 * `<source pool volume>` in its XML (seen on libvirtd 9.0: `virsh dumpxml` does not show the
 * path); what QEMU opens is the translated source.
 */

/** The disk as libvirt will run it, or libvirt's error. Each value says where it was written. */
export interface ResolvedVolumeDisk {
  readonly uri: string;
  readonly disk: VolumeDisk;
  readonly pool?: PoolDefinition;
  readonly volume?: VolumeDefinition;
  /** The pool's type (`dir`, `logical`, `iscsi`, …), from the pool's document. */
  readonly poolType?: Sourced<string>;
  /** The disk type libvirt runs: `file`, `block`, `dir` or `network`. */
  readonly actualType?: Sourced<string>;
  /** The file or device path (file, block, dir) or the iSCSI target's name (network). */
  readonly path?: Sourced<string>;
  /** A network disk's protocol and host (an iscsi pool in direct mode). */
  readonly protocol?: string;
  readonly host?: Sourced<string>;
  readonly port?: Sourced<string>;
  /** The mode libvirt uses on an iscsi pool (`host` when the disk says none). */
  readonly mode?: string;
  /** What only the host can tell, said plainly. */
  readonly notes: readonly string[];
  /** libvirt's error when the domain starts (the disk then has no actual source). */
  readonly error?: { readonly code: FindingCode; readonly message: string; readonly range: Ranged['range'] };
}

/** Pool types whose volumes live at `<pool target path>/<volume name>` (virStorageBackend*RefreshPool / VolCreate). */
const pathInTarget = new Set(['dir', 'fs', 'netfs', 'logical', 'zfs', 'vstorage']);
/** Pool types whose volumes are files, directories or devices on this host (the first case of libvirt's switch). */
const localPoolTypes = new Set([...pathInTarget, 'disk', 'scsi']);
/** The pool types libvirt refuses for volume disks ("isn't yet supported"). */
const unsupportedPoolTypes = new Set(['mpath', 'rbd', 'sheepdog', 'gluster']);
/** A local pool's volume type → the disk type (virStorageVolType → virStorageType). */
const actualTypeOfVolume: Readonly<Record<string, string>> = { file: 'file', dir: 'dir', block: 'block', ploop: 'file' };

export function resolveVolumeDisk(uri: string, disk: VolumeDisk, index: WorkspaceIndex): ResolvedVolumeDisk {
  const base = { uri, disk, notes: [] as string[] };
  const { pool: poolName, volume: volumeName } = disk;
  if (!poolName || !volumeName) {
    base.notes.push("The disk's <source> needs both 'pool' and 'volume' (the schema check says which is missing).");
    return base;
  }
  const pool = index.pool(poolName.value);
  if (!pool)
    return {
      ...base,
      error: { code: 'unknown-pool', message: `Storage pool not found: no storage pool with matching name '${poolName.value}'`, range: poolName.range },
    };
  const volumes = index.volumes(poolName.value);
  const volume = volumes.find((one) => one.volume.name?.value === volumeName.value);
  if (!volume && volumes.length > 0) {
    return {
      ...base,
      pool,
      error: { code: 'unknown-volume', message: `Storage volume not found: no storage vol with matching name '${volumeName.value}'`, range: volumeName.range },
    };
  }
  const withPool = { ...base, pool, volume, poolType: pool.pool.poolType && sourced(pool.pool.poolType, pool, 'pool') };
  const poolType = pool.pool.poolType?.value ?? '';
  if (!volume)
    withPool.notes.push(
      `No volume of pool '${poolName.value}' is known here: whether '${volumeName.value}' exists only the host can tell (virsh vol-list ${poolName.value}).`,
    );
  withPool.notes.push(
    `libvirt refuses to start the domain while pool '${poolName.value}' is not active ("storage pool '${poolName.value}' containing volume '${volumeName.value}' is not active").`,
  );
  if (disk.mode && poolType !== 'iscsi') {
    return {
      ...withPool,
      error: {
        code: 'volume-mode-unsupported',
        message: 'XML error: disk source mode is only valid when storage pool is of iscsi type',
        range: disk.mode.range,
      },
    };
  }
  if (unsupportedPoolTypes.has(poolType)) {
    return {
      ...withPool,
      error: {
        code: 'volume-pool-unsupported',
        message: `unsupported configuration: using '${poolType}' pools for backing 'volume' disks isn't yet supported`,
        range: poolName.range,
      },
    };
  }
  if (localPoolTypes.has(poolType)) return localVolume(withPool, pool, volume, volumeName);
  if (poolType === 'iscsi' && disk.mode?.value !== 'direct') return { ...iscsiHostMode(withPool, pool, volume, volumeName), mode: 'host' };
  if (poolType === 'iscsi' || poolType === 'iscsi-direct') return iscsiDirect(withPool, pool, volumeName, poolType === 'iscsi' ? 'direct' : undefined);
  withPool.notes.push(`Pool type '${poolType}' is not one libvirt 9.0 knows for volume disks.`);
  return withPool;
}

type Partial = ResolvedVolumeDisk & { readonly notes: string[] };

/** dir, fs, netfs, logical, disk, scsi, zfs, vstorage: virStorageVolGetPath, and the volume's type. */
function localVolume(partial: Partial, pool: PoolDefinition, volume: VolumeDefinition | undefined, volumeName: Ranged): ResolvedVolumeDisk {
  const poolType = pool.pool.poolType?.value ?? '';
  const volumeType = volume?.volume.volumeType;
  let actualType: Sourced<string> | undefined;
  if (volumeType) {
    const mapped = actualTypeOfVolume[volumeType.value];
    if (!mapped) {
      return {
        ...partial,
        error: {
          code: 'volume-type-unexpected',
          message: `internal error: unexpected storage volume type '${volumeType.value}' for storage pool type '${poolType}'`,
          range: volumeName.range,
        },
      };
    }
    actualType = sourced(volumeType, volume, 'volume');
  } else {
    // Without the volume's <volume type>, the pool type says what its volumes are.
    const byPool = ['dir', 'fs', 'netfs', 'vstorage'].includes(poolType) ? 'file' : 'block';
    actualType = pool.pool.poolType && { value: byPool, from: provenance(pool, pool.pool.poolType.range, 'pool') };
    partial.notes.push(
      byPool === 'file'
        ? `The volume's type is taken as 'file' (a volume of a ${poolType} pool): a directory volume would be 'dir'; virsh vol-dumpxml --pool ${pool.pool.name?.value ?? ''} ${volumeName.value} says.`
        : `The volume's type is taken as 'block' (a volume of a ${poolType} pool).`,
    );
  }
  return { ...partial, actualType, path: volumePath(partial, pool, volume, volumeName) };
}

/**
 * The volume's path: as the volume's document says (`vol-dumpxml`'s `<target><path>`), else
 * `<pool target path>/<volume name>` for the pools that name volumes so; a disk or scsi pool's
 * device path is known only on the host.
 */
function volumePath(partial: Partial, pool: PoolDefinition, volume: VolumeDefinition | undefined, volumeName: Ranged): Sourced<string> | undefined {
  const written = volume?.volume.targetPath;
  if (volume && written) return sourced(written, volume, 'volume');
  const poolType = pool.pool.poolType?.value ?? '';
  const target = pool.pool.targetPath;
  if (pathInTarget.has(poolType) && target) {
    return { value: `${target.value.replace(/\/+$/, '')}/${volumeName.value}`, from: provenance(pool, target.range, 'pool') };
  }
  partial.notes.push(
    `The path of volume '${volumeName.value}' is known only on the host: virsh vol-path --pool ${pool.pool.name?.value ?? ''} ${volumeName.value} (a ${poolType} pool names its devices itself).`,
  );
  return undefined;
}

/** An iscsi pool in host mode: a block device, the volume's path (/dev/disk/by-path/…, known on the host). */
function iscsiHostMode(partial: Partial, pool: PoolDefinition, volume: VolumeDefinition | undefined, volumeName: Ranged): ResolvedVolumeDisk {
  const actualType = { value: 'block', from: provenance(pool, pool.pool.poolType?.range ?? pool.pool.element.nameRange, 'pool') };
  const written = volume?.volume.targetPath;
  if (volume && written) return { ...partial, actualType, path: sourced(written, volume, 'volume') };
  partial.notes.push(
    `The device path of iSCSI volume '${volumeName.value}' is known only on the host: virsh vol-path --pool ${pool.pool.name?.value ?? ''} ${volumeName.value}.`,
  );
  return { ...partial, actualType };
}

/**
 * An iscsi pool in direct mode, or an iscsi-direct pool (virDomainDiskTranslateISCSIDirect):
 * a network disk, protocol iscsi, the pool's one host (port 3260 unless given), and the name
 * `<device path>/<LUN>` where the LUN is the last of the volume name's four parts ("unit:0:0:1").
 */
function iscsiDirect(partial: Partial, pool: PoolDefinition, volumeName: Ranged, mode: string | undefined): ResolvedVolumeDisk {
  const { sourceHost, sourcePort, sourceHostCount, sourceDevice } = pool.pool;
  if (sourceHostCount !== 1 || !sourceHost) {
    return {
      ...partial,
      error: { code: 'iscsi-pool-hosts', message: 'unsupported configuration: Expected exactly 1 host for the storage pool', range: volumeName.range },
    };
  }
  const parts = volumeName.value.split(':');
  if (parts.length !== 4) {
    return {
      ...partial,
      error: { code: 'iscsi-volume-name', message: `internal error: unexpected iscsi volume name '${volumeName.value}'`, range: volumeName.range },
    };
  }
  const actualType = { value: 'network', from: provenance(pool, pool.pool.poolType?.range ?? pool.pool.element.nameRange, 'pool') };
  const path = sourceDevice && { value: `${sourceDevice.value}/${parts[3]}`, from: provenance(pool, sourceDevice.range, 'pool') };
  const port: Sourced<string> = sourcePort ? sourced(sourcePort, pool, 'pool') : { value: '3260', from: provenance(pool, sourceHost.range, 'pool') };
  return { ...partial, actualType, path, protocol: 'iscsi', host: sourced(sourceHost, pool, 'pool'), port, mode };
}

function sourced(value: Ranged, definition: PoolDefinition | VolumeDefinition, level: 'pool' | 'volume'): Sourced<string> {
  return { value: value.value, from: provenance(definition, value.range, level) };
}

function provenance(definition: PoolDefinition | VolumeDefinition, range: Ranged['range'], level: 'pool' | 'volume'): Provenance {
  const ownerName = 'pool' in definition ? definition.pool.name?.value : definition.volume.name?.value;
  return { uri: definition.uri, range, level, ownerName };
}
