import { failureText, isWorthSaying } from '../host/libvirt/connectionFailure';
import { indexSnapshots, readSnapshots, type ConnectionSnapshot } from '../host/libvirt/connectionSnapshot';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { connectionSettings } from '../host/libvirt/defaultConnections';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { CommandOutput } from './commandOutput';
import { escapeControlCharacters } from './terminalText';

/** The command line's say on connections: `--connect URI` (repeatable), `--no-connect`, `--no-host-networks`. */
export interface ConnectionOptions {
  readonly connect: readonly string[];
  readonly noConnect: boolean;
  readonly hostNetworks: boolean;
}

/**
 * The connections to read: those named with --connect; none with --no-connect or
 * --no-host-networks (the host's networks, whichever way they are read); else the defaults
 * (qemu:///system and qemu:///session when virsh is installed), as in the editor.
 */
export function cliConnectionSettings(options: ConnectionOptions): ConnectionSetting[] {
  if (options.connect.length > 0) return connectionSettings(options.connect);
  if (options.noConnect || !options.hostNetworks) return [];
  return connectionSettings(undefined);
}

/** Reads the connections once into the index; says each failure worth saying on stderr, once. */
export async function indexHostConnections(index: WorkspaceIndex, settings: readonly ConnectionSetting[], out: CommandOutput): Promise<ConnectionSnapshot[]> {
  if (settings.length === 0) return [];
  const snapshots = await readSnapshots(settings, { domains: false });
  indexSnapshots(index, snapshots);
  reportFailures(snapshots, out);
  return snapshots;
}

export function reportFailures(snapshots: readonly ConnectionSnapshot[], out: CommandOutput): void {
  for (const { setting, failure } of snapshots) {
    if (failure && isWorthSaying(setting.explicit, failure)) out.stderr(`libvirt-xml: ${escapeControlCharacters(failureText(setting.uri, failure))}\n`);
  }
}
