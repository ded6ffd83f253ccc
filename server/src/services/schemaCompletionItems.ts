import type { LibvirtDocument } from '../model/libvirtDocument';
import { schemaCompletions } from '../schema/schemaCompletion';
import { schemaCursorAt } from '../schema/schemaCursor';
import type { SchemaCompletion, SchemaCompletionKind } from '../schema/schemaTypes';

/**
 * What libvirt's RelaxNG schema allows at an offset (element names, attribute names or values),
 * for completion beside our own language facts. Nothing when no schema folder is known.
 */
export function schemaSuggestions(document: LibvirtDocument, offset: number, kind: SchemaCompletionKind, schemaFolder: string | undefined): SchemaCompletion[] {
  const rootName = document.xml.roots[0]?.name;
  if (!schemaFolder || !rootName) return [];
  const cursor = schemaCursorAt(document.xml, offset);
  if (cursor.kind !== kind) return [];
  try {
    return schemaCompletions(schemaFolder, rootName, cursor.path, cursor.kind, cursor.attributeName);
  } catch {
    // A schema that cannot be read must not take our own completion down with it.
    return [];
  }
}
