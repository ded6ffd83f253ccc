/**
 * What schema completion should offer at an offset of a (possibly half-typed) document: element
 * names inside an element's content or while a tag name is typed, attribute names inside a
 * start tag, values inside an attribute's quotes.
 */
import { elementAt } from '../parser/xmlQueries';
import type { XmlDocument, XmlElement } from '../parser/xmlTree';
import type { PathStep, SchemaCompletionKind } from './schemaTypes';

export interface SchemaCursor {
  readonly kind: SchemaCompletionKind;
  /** Root-first path to the element whose content, attributes or attribute value is completed. */
  readonly path: PathStep[];
  readonly attributeName?: string;
}

export function schemaCursorAt(document: XmlDocument, offset: number): SchemaCursor {
  const element = elementAt(document.roots, offset);
  if (!element) return { kind: 'element', path: [] };
  const inStartTag = element.startTagEnd === undefined ? offset <= element.end : offset < element.startTagEnd;
  if (!inStartTag) return { kind: 'element', path: pathTo(element) };
  if (offset <= element.nameRange.end) {
    // Typing the tag name: complete among the parent's children.
    return { kind: 'element', path: element.parent ? pathTo(element.parent) : [] };
  }
  const valueOf = element.attributes.find((a) => a.valueRange && offset >= a.valueRange.start && offset <= a.valueRange.end);
  if (valueOf) return { kind: 'value', path: pathTo(element), attributeName: valueOf.name };
  return { kind: 'attribute', path: pathTo(element) };
}

/** Root-first path with each element's attributes (they choose between the schema's branches). */
export function pathTo(element: XmlElement): PathStep[] {
  const path: PathStep[] = [];
  for (let at: XmlElement | undefined = element; at; at = at.parent) {
    const attributes: Record<string, string> = {};
    for (const a of at.attributes) if (a.value !== undefined) attributes[a.name] = a.value;
    path.unshift({ name: at.name, attributes });
  }
  return path;
}
