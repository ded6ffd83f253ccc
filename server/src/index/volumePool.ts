import { isLibvirtUri, libvirtStorageUri } from '../../../protocol/src/libvirtUris';

/**
 * The pool a `<volume>` document belongs to. A volume's XML does not name its pool: libvirt
 * lists volumes per pool (`virsh vol-list POOL`). So:
 * - a connection's volume carries its pool in its URI (`libvirt://LABEL/volume/POOL/NAME.xml`,
 *   see storageObjectUri);
 * - a volume *file* belongs to the pool named like the folder it is in: `storage/default/
 *   disk1.xml` is a volume of the pool `default`, whichever file defines that pool.
 * Undefined when the URI has no such folder.
 */
export function poolOfVolume(uri: string): string | undefined {
  if (isLibvirtUri(uri)) {
    const pool = /^libvirt:\/\/[a-z0-9-]+\/volume\/([^/?#]+)\/[^/?#]+\.xml$/i.exec(uri)?.[1];
    try {
      return pool === undefined ? undefined : decodeURIComponent(pool);
    } catch {
      return undefined;
    }
  }
  const path = uri.replace(/[?#].*$/, '');
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  const folder = segments[segments.length - 2];
  if (folder === '' || /^[a-z][a-z0-9+.-]*:$/i.test(folder)) return undefined;
  try {
    return decodeURIComponent(folder);
  } catch {
    return undefined;
  }
}

/** The URI the index holds a connection's pool, volume or network filter under (the client opens it read-only). */
export function storageObjectUri(label: string, kind: 'pool' | 'nwfilter' | 'volume', name: string, poolName = ''): string {
  return libvirtStorageUri({ connection: label, kind, name, pool: poolName });
}
