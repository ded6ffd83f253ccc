/**
 * Where libvirt's RelaxNG schemas are. The schemas are never shipped with the extension: we use
 * the host's libvirt (package `libvirt0` on Debian/Ubuntu, `libvirt-libs` on Fedora) or a
 * configured folder. Asked at configuration time, never on a request.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const defaultSchemaFolders: readonly string[] = ['/usr/share/libvirt/schemas'];

export type SchemaFolderResult = { readonly folder: string; readonly reason?: undefined } | { readonly folder: undefined; readonly reason: string };

/**
 * The folder to validate with: `libvirtXml.schemaPath` when set (an explicit setting that does not
 * hold domain.rng is reported, not silently replaced), else libvirt's install location.
 */
export async function findSchemaFolder(configured?: string, candidates: readonly string[] = defaultSchemaFolders): Promise<SchemaFolderResult> {
  const setting = configured?.trim();
  if (setting) {
    const folder = resolve(setting);
    if (await hasDomainSchema(folder)) return { folder };
    return { folder: undefined, reason: `libvirtXml.schemaPath is set to ${folder}, but it holds no domain.rng` };
  }
  for (const candidate of candidates) {
    if (await hasDomainSchema(candidate)) return { folder: candidate };
  }
  return {
    folder: undefined,
    reason: `libvirt's schemas were not found (looked in ${candidates.join(', ')}); install libvirt (Debian/Ubuntu: libvirt0, Fedora: libvirt-libs) or set libvirtXml.schemaPath`,
  };
}

async function hasDomainSchema(folder: string): Promise<boolean> {
  try {
    return (await stat(join(folder, 'domain.rng'))).isFile();
  } catch {
    return false;
  }
}
