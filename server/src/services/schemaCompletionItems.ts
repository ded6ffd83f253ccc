import type { LibvirtDocument } from '../model/libvirtDocument';
import type { SchemaGrammars } from '../schema/grammar/schemaGrammars';
import { schemaCompletions } from '../schema/schemaCompletion';
import { schemaCursorAt } from '../schema/schemaCursor';
import type { SchemaCompletion, SchemaCompletionKind } from '../schema/schemaTypes';

/**
 * What libvirt's RelaxNG schema allows at an offset (element names, attribute names or values),
 * for completion beside our own language facts. Nothing when no schema grammars are loaded.
 */
export function schemaSuggestions(
  document: LibvirtDocument,
  offset: number,
  kind: SchemaCompletionKind,
  grammars: SchemaGrammars | undefined,
): SchemaCompletion[] {
  const rootName = document.xml.roots[0]?.name;
  if (!grammars || !rootName) return [];
  const cursor = schemaCursorAt(document.xml, offset);
  if (cursor.kind !== kind) return [];
  try {
    return schemaCompletions(grammars, rootName, cursor.path, cursor.kind, cursor.attributeName);
  } catch {
    // A schema the grammar reader cannot follow must not take our own completion down with it.
    return [];
  }
}
