/**
 * Where libvirt's RelaxNG schemas are, and which schema validates which root element.
 * The schemas are never shipped with the extension: we use the host's libvirt (package
 * `libvirt0` on Debian/Ubuntu, `libvirt-libs` on Fedora) or a configured folder.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const defaultSchemaFolders: readonly string[] = ['/usr/share/libvirt/schemas'];

export type SchemaFolderResult =
  | { readonly folder: string; readonly reason?: undefined }
  | { readonly folder: undefined; readonly reason: string };

/**
 * The folder to validate with: `libvirtXml.schemaPath` when set (an explicit setting that does not
 * hold domain.rng is reported, not silently replaced), else libvirt's install location.
 */
export function findSchemaFolder(configured?: string, candidates: readonly string[] = defaultSchemaFolders): SchemaFolderResult {
  const setting = configured?.trim();
  if (setting) {
    const folder = resolve(setting);
    if (hasDomainSchema(folder)) return { folder };
    return { folder: undefined, reason: `libvirtXml.schemaPath is set to ${folder}, but it holds no domain.rng` };
  }
  for (const candidate of candidates) {
    if (hasDomainSchema(candidate)) return { folder: candidate };
  }
  return {
    folder: undefined,
    reason: `libvirt's schemas were not found (looked in ${candidates.join(', ')}); install libvirt (Debian/Ubuntu: libvirt0, Fedora: libvirt-libs) or set libvirtXml.schemaPath`,
  };
}

function hasDomainSchema(folder: string): boolean {
  try {
    return statSync(join(folder, 'domain.rng')).isFile();
  } catch {
    return false;
  }
}

/**
 * Root element → schema file, as libvirt's virt-xml-validate chooses it. Exact names here
 * (virt-xml-validate matches substrings, which only matters for names libvirt never writes).
 */
const schemaByRoot: Readonly<Record<string, string>> = {
  domain: 'domain.rng',
  network: 'network.rng',
  networkport: 'networkport.rng',
  domainsnapshot: 'domainsnapshot.rng',
  domaincheckpoint: 'domaincheckpoint.rng',
  domainbackup: 'domainbackup.rng',
  domainCapabilities: 'domaincaps.rng',
  cpu: 'cpu.rng',
  pool: 'storagepool.rng',
  storagepoolCapabilities: 'storagepoolcaps.rng',
  volume: 'storagevol.rng',
  capabilities: 'capability.rng',
  device: 'nodedev.rng',
  filter: 'nwfilter.rng',
  filterbinding: 'nwfilterbinding.rng',
  secret: 'secret.rng',
  interface: 'interface.rng',
};

/** The schema file name for a root element, or undefined when libvirt has no schema for it. */
export function schemaFileForRoot(rootName: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(schemaByRoot, rootName) ? schemaByRoot[rootName] : undefined;
}

/** Absolute path of the schema for a root element in a folder, when that file exists. */
export function schemaPathForRoot(schemaFolder: string, rootName: string): string | undefined {
  const file = schemaFileForRoot(rootName);
  if (!file) return undefined;
  const path = join(schemaFolder, file);
  return existsSync(path) ? path : undefined;
}

/**
 * A stamp that changes when any schema of the folder changes: a schema file includes
 * others, so the root file's own mtime is not enough (an upgrade of libvirt rewrites them all).
 */
export function schemaFolderStamp(schemaFolder: string): string {
  let stamp = '';
  for (const name of readdirSync(schemaFolder).sort()) {
    if (!name.endsWith('.rng')) continue;
    const stat = statSync(join(schemaFolder, name));
    stamp += `${name}:${stat.mtimeMs}:${stat.size};`;
  }
  return stamp;
}

