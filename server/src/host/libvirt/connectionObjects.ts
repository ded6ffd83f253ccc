import { libvirtObjectUri } from '../../../../protocol/src/libvirtUris';
import { decodeXmlEntities } from '../../parser/xmlEntities';
import type { DefinedObject, ObjectKind } from './connectionReader';
import type { ObjectState } from './objectStates';

/** A connection's objects of one kind, as read, under the label its `libvirt:` URIs carry. */
export interface LabelledObjects {
  readonly label: string;
  readonly objects: Iterable<DefinedObject>;
}

/** One object as the index holds it: its `libvirt:` URI, its XML and the connection that gave it (with its UUID, name and state, for the view). */
export interface ObjectEntry {
  readonly uri: string;
  readonly xml: string;
  readonly label: string;
  readonly uuid: string;
  readonly name: string;
  readonly state: ObjectState;
}

/**
 * The index entries of the connections' objects of one kind, in connection order. An object an
 * earlier connection already gave (same UUID: as root, qemu:///session is the system daemon) is
 * left out; so is a dump without a `<name>`. `seen` carries the UUIDs across calls.
 */
export function objectEntries(kind: ObjectKind, connections: readonly LabelledObjects[], seen = new Set<string>()): ObjectEntry[] {
  const entries: ObjectEntry[] = [];
  for (const { label, objects } of connections) {
    for (const object of objects) {
      if (seen.has(object.uuid)) continue;
      seen.add(object.uuid);
      const name = nameOfDump(object.xml);
      if (name !== undefined) {
        entries.push({ uri: libvirtObjectUri({ connection: label, kind, name }), xml: object.xml, label, uuid: object.uuid, name, state: object.state });
      }
    }
  }
  return entries;
}

/** The `<name>` of a dumped network or domain (XML-unescaped), without parsing the whole dump. */
export function nameOfDump(xml: string): string | undefined {
  const match = /<name>([^<]*)<\/name>/.exec(xml);
  return match ? decodeXmlEntities(match[1]) : undefined;
}
