import * as os from 'node:os';
import * as path from 'node:path';
import { connectionsSetting, networkPathsSetting, schemaPathSetting } from '../../../protocol/src/settings';
import { hostLibvirtFolders } from '../host/fileCrawler';

/** The extra folders `libvirtXml.networkPaths` names, as given; undefined when the value is not a list of strings. */
export function readNetworkPaths(section: unknown): string[] | undefined {
  if (typeof section !== 'object' || section === null) return undefined;
  const value = (section as Record<string, unknown>)[networkPathsSetting];
  if (!Array.isArray(value)) return undefined;
  return value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '');
}

/**
 * The folders to index besides the workspace. Empty or unset means the host's libvirt network
 * folders (read when readable); `~` is the home folder; a relative path is taken from the first
 * workspace folder, or the server's working folder without one.
 */
export function networkFolders(configured: readonly string[] | undefined, workspaceFolders: readonly string[]): { folders: string[]; hostDefaults: boolean } {
  if (!configured || configured.length === 0) return { folders: hostLibvirtFolders(), hostDefaults: true };
  const base = workspaceFolders[0] ?? process.cwd();
  const folders = configured.map((entry) => {
    const trimmed = entry.trim();
    const expanded = trimmed === '~' || trimmed.startsWith('~/') ? path.join(os.homedir(), trimmed.slice(1)) : trimmed;
    return path.resolve(base, expanded);
  });
  return { folders: [...new Set(folders)], hostDefaults: false };
}

/** `libvirtXml.schemaPath`: a folder of libvirt's RelaxNG schemas; undefined when unset or not a string. */
export function readSchemaPath(section: unknown): string | undefined {
  if (typeof section !== 'object' || section === null) return undefined;
  const value = (section as Record<string, unknown>)[schemaPathSetting];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * `libvirtXml.connections`: the libvirt URIs to read, as given (`[]`: none). Undefined when unset
 * or null (the defaults: qemu:///system and qemu:///session when virsh is installed) or not a list.
 */
export function readConnections(section: unknown): string[] | undefined {
  if (typeof section !== 'object' || section === null) return undefined;
  const value = (section as Record<string, unknown>)[connectionsSetting];
  if (!Array.isArray(value)) return undefined;
  return value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim());
}
