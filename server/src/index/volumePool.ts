import { isLibvirtUri } from '../../../protocol/src/libvirtUris';

/**
 * The pool a `<volume>` document belongs to. A volume's XML does not name its pool: libvirt
 * lists volumes per pool (`virsh vol-list POOL`). So:
 * - a volume *file* belongs to the pool named like the folder it is in: `storage/default/
 *   disk1.xml` is a volume of the pool `default`, whichever file defines that pool.
 * Undefined when the URI has no such folder, and for a connection's object.
 */
export function poolOfVolume(uri: string): string | undefined {
  if (isLibvirtUri(uri)) return undefined; // connections' volumes are not read (yet)
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
