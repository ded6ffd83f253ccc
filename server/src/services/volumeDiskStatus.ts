import type { Diagnostic } from 'vscode-languageserver-types';
import type { VolumeDiskStatus, ValueOrigin } from '../../../protocol/src/messages';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ModelledFile } from '../model/modelledFile';
import type { Provenance, Sourced } from '../resolver/provenance';
import { resolveVolumeDisk, type ResolvedVolumeDisk } from '../resolver/volumeSource';
import { diagnosticSource } from './diagnostics';
import type { DisplayPath } from './displayPath';
import { linesOf, toLspRange } from './lspRanges';
import { provenanceLabel } from './provenanceText';
import { notCheckedReason } from '../findings/notChecked';

/** The domain's volume disks from `first`, at most `count`, as libvirt will run them. */
export function volumeDiskStatuses(document: ModelledFile, index: WorkspaceIndex, displayPath: DisplayPath, first: number, count: number): VolumeDiskStatus[] {
  const object = document.object;
  if (object?.kind !== 'domain') return [];
  return object.volumeDisks
    .slice(first, first + count)
    .map((disk, at) => diskStatus(document, index, displayPath, resolveVolumeDisk(document.uri, disk, index), first + at));
}

function diskStatus(document: ModelledFile, index: WorkspaceIndex, displayPath: DisplayPath, resolved: ResolvedVolumeDisk, position: number): VolumeDiskStatus {
  const origin = (from: Provenance | undefined): ValueOrigin | undefined => {
    const lines = from && linesOf(from.uri, document, index);
    if (!from || !lines) return undefined;
    return { uri: from.uri, range: toLspRange(lines, from.range), level: from.level, ownerName: from.ownerName, label: provenanceLabel(from, displayPath) };
  };
  const { disk } = resolved;
  const provenance = Object.create(null) as Record<string, ValueOrigin>;
  const keep = (key: string, from: Provenance | undefined) => {
    const value = origin(from);
    if (value) provenance[key] = value;
  };
  const pool = resolved.pool;
  if (pool) keep('pool', { uri: pool.uri, range: pool.pool.name?.range ?? pool.pool.element.nameRange, level: 'pool', ownerName: pool.pool.name?.value });
  const volume = resolved.volume;
  if (volume)
    keep('volume', {
      uri: volume.uri,
      range: volume.volume.name?.range ?? volume.volume.element.nameRange,
      level: 'volume',
      ownerName: volume.volume.name?.value,
    });
  const values: Array<[string, Sourced<string> | undefined]> = [
    ['poolType', resolved.poolType],
    ['actualType', resolved.actualType],
    ['path', resolved.path],
    ['host', resolved.host],
    ['port', resolved.port],
  ];
  for (const [key, value] of values) keep(key, value?.from);
  return {
    index: position,
    range: toLspRange(document.lines, { start: disk.element.start, end: disk.element.end }),
    target: disk.target?.value,
    pool: disk.pool?.value,
    volume: disk.volume?.value,
    poolType: resolved.poolType?.value,
    actualType: resolved.error ? undefined : resolved.actualType?.value,
    path: resolved.error ? undefined : resolved.path?.value,
    protocol: resolved.protocol,
    host: resolved.host?.value,
    port: resolved.port?.value,
    mode: resolved.mode,
    provenance,
    notes: resolved.notes,
    problems: resolved.error ? [problem(document, index, resolved.error, disk.pool?.value ?? '')] : [],
  };
}

/**
 * libvirt's error; an unknown pool while a connection could not be read is a warning that says
 * so, as the diagnostics do (storageRules.ts): the pool may be there.
 */
function problem(document: ModelledFile, index: WorkspaceIndex, error: NonNullable<ResolvedVolumeDisk['error']>, poolName: string): Diagnostic {
  const range = toLspRange(document.lines, error.range);
  const unreadable = error.code === 'unknown-pool' ? notCheckedReason(index) : undefined;
  if (unreadable) {
    return {
      range,
      severity: 2,
      code: 'pool-not-checked',
      source: diagnosticSource,
      message: `Storage pool '${poolName}' could not be checked: no file here defines it, and ${unreadable}`,
    };
  }
  return { range, severity: 1, code: error.code, source: diagnosticSource, message: error.message };
}
