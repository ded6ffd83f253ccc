import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { Domain, VolumeDisk } from '../model/libvirtModel';
import type { ModelledFile } from '../model/modelledFile';
import { closestNames } from '../util/closestNames';
import { notCheckedReason } from './notChecked';
import { resolveVolumeDisk } from '../resolver/volumeSource';

/**
 * Pool types whose volumes libvirt cannot hand to a `<disk type='volume'>`
 * (virDomainStorageSourceTranslateSourcePool, domain_conf.c: the mpath, rbd, sheepdog and
 * gluster cases).
 */
const poolTypesWithoutVolumeDisks = new Set(['mpath', 'rbd', 'sheepdog', 'gluster']);

/**
 * What libvirt checks of each `<disk type='volume'>` when the domain starts, in its order
 * (virDomainDiskTranslateSourcePool → virDomainStorageSourceTranslateSourcePool): the pool
 * exists, the volume exists in it, `mode` only on an iscsi pool, a pool type that can back a
 * volume disk. Whether the pool is active only the host knows.
 */
export function storageFindings(document: ModelledFile, domain: Domain, index: WorkspaceIndex): Finding[] {
  const findings = new FindingList(document.uri);
  for (const disk of domain.volumeDisks) checkVolumeDisk(findings, disk, index, document.uri);
  return findings.items;
}

/** The errors of the translation itself (a network volume in a local pool, an iSCSI pool or volume direct mode cannot use). */
const translationCodes = new Set(['volume-type-unexpected', 'iscsi-pool-hosts', 'iscsi-volume-name']);

function checkVolumeDisk(findings: FindingList, disk: VolumeDisk, index: WorkspaceIndex, uri: string): void {
  const { pool: poolName, volume: volumeName } = disk;
  if (!poolName) return; // the schema says the attribute is missing
  const definition = index.pool(poolName.value);
  if (!definition) {
    const unreadable = notCheckedReason(index);
    if (unreadable) {
      findings.add(
        poolName.range,
        'warning',
        'pool-not-checked',
        `Storage pool '${poolName.value}' could not be checked: no file here defines it, and ${unreadable}`,
      );
      return;
    }
    const suggestions = closestNames(poolName.value, index.poolNames());
    findings.add(
      poolName.range,
      'error',
      'unknown-pool',
      `Storage pool not found: no storage pool with matching name '${poolName.value}'${didYouMean(suggestions)}`,
      undefined,
      suggestions,
    );
    return;
  }
  const volumes = index.volumes(poolName.value);
  // A pool whose volumes nothing lists (a pool file without volume files beside it) proves nothing;
  // an active pool of a connection was listed, even when it has no volume.
  const listed = volumes.length > 0 || index.volumesListed(definition.uri);
  if (volumeName && listed && !volumes.some((volume) => volume.volume.name?.value === volumeName.value)) {
    const suggestions = closestNames(
      volumeName.value,
      volumes.map((volume) => volume.volume.name?.value ?? ''),
    );
    findings.add(
      volumeName.range,
      'error',
      'unknown-volume',
      `Storage volume not found: no storage vol with matching name '${volumeName.value}'${didYouMean(suggestions)}`,
      [{ uri: definition.uri, range: definition.pool.name?.range ?? definition.pool.element.nameRange, message: `pool '${poolName.value}'` }],
      suggestions,
    );
    return;
  }
  const poolType = definition.pool.poolType?.value;
  if (disk.mode && poolType !== 'iscsi') {
    findings.add(disk.mode.range, 'error', 'volume-mode-unsupported', 'XML error: disk source mode is only valid when storage pool is of iscsi type');
    return;
  }
  if (poolType !== undefined && poolTypesWithoutVolumeDisks.has(poolType)) {
    findings.add(
      poolName.range,
      'error',
      'volume-pool-unsupported',
      `unsupported configuration: using '${poolType}' pools for backing 'volume' disks isn't yet supported`,
    );
    return;
  }
  const error = resolveVolumeDisk(uri, disk, index).error;
  if (error && translationCodes.has(error.code)) findings.add(error.range, 'error', error.code, error.message);
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` (did you mean '${suggestions[0]}'?)` : '';
}
