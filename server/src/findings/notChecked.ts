import type { WorkspaceIndex } from '../index/workspaceIndex';

/**
 * Why a pool or filter name missing from the index may still exist: a libvirt connection could
 * not be read, or its pools and filters were not read. Then "not found" would be a guess, and the
 * finding says what could not be checked and why.
 */
export function notCheckedReason(index: WorkspaceIndex): string | undefined {
  const sources = index.unreadableSources();
  if (sources.length > 0) {
    const why = sources.map((source) => `${source.name}: ${source.reason}`).join('; ');
    return `${sources.length === 1 ? 'a libvirt connection' : 'libvirt connections'} could not be read (${why})`;
  }
  const unread = index.connectionsWithoutStorageAndFilters();
  if (unread.length === 0) return undefined;
  return `the storage pools and network filters of ${unread.map((connection) => connection.uri).join(', ')} were not read`;
}
