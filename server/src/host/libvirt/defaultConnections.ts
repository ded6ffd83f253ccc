import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import type { ConnectionSetting } from './connectionSources';

/** The connections read when the user configured none: the two local QEMU ones, when virsh is installed. */
export const defaultConnectionUris = ['qemu:///system', 'qemu:///session'] as const;

/**
 * `libvirtXml.connections` (or the CLI's --connect) to connection settings: a list is taken as
 * given (`[]`: none); unset means the defaults when `virsh` is on PATH, else none.
 */
export function connectionSettings(configured: readonly string[] | undefined, searchPath = process.env.PATH ?? ''): ConnectionSetting[] {
  if (configured !== undefined) return configured.map((uri) => ({ uri: uri.trim(), explicit: true })).filter((setting) => setting.uri !== '');
  if (!virshOnPath(searchPath)) return [];
  return defaultConnectionUris.map((uri) => ({ uri, explicit: false }));
}

export function virshOnPath(searchPath: string): boolean {
  return searchPath
    .split(path.delimiter)
    .filter((folder) => folder !== '')
    .some((folder) => {
      try {
        accessSync(path.join(folder, 'virsh'), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
