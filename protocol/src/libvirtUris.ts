/*
 * The `libvirt:` URIs that name a network or domain as a libvirt connection defines it, e.g.
 * `libvirt://system/network/default.xml` for the network `default` of `qemu:///system`. The
 * server indexes connection objects under these URIs; hovers link to them; the client opens them
 * read-only. Shared by both sides: no runtime imports.
 */

export const libvirtUriScheme = 'libvirt';

/** Whether a document URI is a `libvirt:` one (a connection's object, not a file). */
export function isLibvirtUri(uri: string): boolean {
  return uri.startsWith(`${libvirtUriScheme}:`);
}

export type LibvirtObjectKind = 'network' | 'domain';

export interface LibvirtObjectRef {
  /** The connection's label: `system`, `session`, or a label derived from its URI (connectionLabel). */
  readonly connection: string;
  readonly kind: LibvirtObjectKind;
  readonly name: string;
}

/**
 * A short label for a connection URI that needs no escaping in a URI authority: `system` and
 * `session` for the two local QEMU connections, else the URI's letters and digits joined by '-'
 * (`qemu+ssh://root@host/system` → `qemu-ssh-root-host-system`).
 */
export function connectionLabel(connectionUri: string): string {
  const trimmed = connectionUri.trim();
  if (trimmed === 'qemu:///system') return 'system';
  if (trimmed === 'qemu:///session') return 'session';
  const label = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return label === '' ? 'connection' : label;
}

/** The labels of a list of connections, in order; a label taken twice gets `-2`, `-3`, … */
export function uniqueConnectionLabels(connectionUris: readonly string[]): string[] {
  const taken = new Set<string>();
  return connectionUris.map((uri) => {
    let label = connectionLabel(uri);
    for (let n = 2; taken.has(label); n++) label = `${connectionLabel(uri)}-${n}`;
    taken.add(label);
    return label;
  });
}

/**
 * A name as one path segment, escaped as VS Code's URI printer escapes it (every character but
 * A–Z a–z 0–9 - . _ ~), so the URI the client sends back is the same string the server made.
 */
export function encodeUriSegment(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function libvirtObjectUri(ref: LibvirtObjectRef): string {
  return `${libvirtUriScheme}://${ref.connection}/${ref.kind}/${encodeUriSegment(ref.name)}.xml`;
}

/** The object a `libvirt:` URI names; undefined for any other URI. */
export function parseLibvirtObjectUri(uri: string): LibvirtObjectRef | undefined {
  const match = /^libvirt:\/\/([a-z0-9-]+)\/(network|domain)\/([^/?#]+)\.xml$/i.exec(uri);
  if (!match) return undefined;
  try {
    return { connection: match[1].toLowerCase(), kind: match[2].toLowerCase() as LibvirtObjectKind, name: decodeURIComponent(match[3]) };
  } catch {
    return undefined; // a malformed escape
  }
}

/** The storage objects and network filters a connection defines, as `libvirt:` URIs name them. */
export type LibvirtStorageKind = 'pool' | 'volume' | 'nwfilter';

export interface LibvirtStorageRef {
  readonly connection: string;
  readonly kind: LibvirtStorageKind;
  readonly name: string;
  /** A volume's pool: libvirt names volumes within their pool (`virsh vol-dumpxml --pool P V`). */
  readonly pool?: string;
}

/**
 * `libvirt://system/pool/default.xml`, `libvirt://system/nwfilter/clean-traffic.xml`, and a
 * volume under its pool: `libvirt://system/volume/default/disk1.qcow2.xml`.
 */
export function libvirtStorageUri(ref: LibvirtStorageRef): string {
  const pool = ref.kind === 'volume' ? `${encodeUriSegment(ref.pool ?? '')}/` : '';
  return `${libvirtUriScheme}://${ref.connection}/${ref.kind}/${pool}${encodeUriSegment(ref.name)}.xml`;
}

/** The pool, volume or network filter a `libvirt:` URI names; undefined for any other URI. */
export function parseLibvirtStorageUri(uri: string): LibvirtStorageRef | undefined {
  const match = /^libvirt:\/\/([a-z0-9-]+)\/(?:(pool|nwfilter)|(volume)\/([^/?#]+))\/([^/?#]+)\.xml$/i.exec(uri);
  if (!match) return undefined;
  try {
    const connection = match[1].toLowerCase();
    const name = decodeURIComponent(match[5]);
    if (match[3]) return { connection, kind: 'volume', name, pool: decodeURIComponent(match[4]) };
    return { connection, kind: match[2].toLowerCase() as LibvirtStorageKind, name };
  } catch {
    return undefined; // a malformed escape
  }
}

/** What any `libvirt:` document URI names: a network or domain, or a pool, volume or filter. */
export function parseLibvirtDocumentUri(uri: string): LibvirtObjectRef | LibvirtStorageRef | undefined {
  return parseLibvirtObjectUri(uri) ?? parseLibvirtStorageUri(uri);
}
