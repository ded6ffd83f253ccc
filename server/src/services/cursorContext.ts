import { markupAt } from '../parser/markupAt';
import type { TextRange, XmlAttribute, XmlDocument, XmlElement } from '../parser/xmlTree';
import { endsName } from '../../../protocol/src/xmlNames';

/**
 * What the cursor stands in, read from the tolerant parse tree: an element name being typed, an
 * attribute name, an attribute value, or element content. Works on half-written documents: an
 * unterminated start tag extends to the next `<`, an unclosed value ends where the parser
 * decided it does.
 */
export type CursorContext =
  | { readonly kind: 'elementName'; readonly parent: XmlElement | undefined; readonly range: TextRange; readonly element: XmlElement | undefined }
  | { readonly kind: 'attributeName'; readonly element: XmlElement; readonly range: TextRange; readonly attribute: XmlAttribute | undefined }
  | { readonly kind: 'attributeValue'; readonly element: XmlElement; readonly attribute: XmlAttribute; readonly range: TextRange }
  | { readonly kind: 'content'; readonly parent: XmlElement | undefined; readonly range: TextRange }
  | { readonly kind: 'none' };

/** Reads the cursor with markupAt's `cursor` rule: `|<a/>` and `<a/>|` are in the parent's content. */
export function cursorContext(xml: XmlDocument, offset: number): CursorContext {
  const at = markupAt(xml, offset, 'cursor');
  switch (at.kind) {
    case 'elementName':
      return { kind: 'elementName', parent: at.element.parent, range: at.range, element: at.element };
    case 'attributeName':
      return { kind: 'attributeName', element: at.element, range: at.range, attribute: at.attribute };
    case 'attributeValue':
      return { kind: 'attributeValue', element: at.element, attribute: at.attribute, range: at.range };
    case 'startTag':
      return newAttribute(xml.text, at.element, offset);
    case 'endTag':
      return { kind: 'none' };
    case 'content':
      return inContent(xml.text, at.element, offset);
  }
}

/** A new attribute may start only after whitespace (not right after a value's closing quote). */
function newAttribute(text: string, element: XmlElement, offset: number): CursorContext {
  if (offset > element.nameRange.end && /\s/.test(text.charAt(offset - 1))) {
    return { kind: 'attributeName', element, range: { start: offset, end: offset }, attribute: undefined };
  }
  return { kind: 'none' };
}

/** In content, the word around the cursor is replaced; after a `<` it is an element name being typed. */
function inContent(text: string, parent: XmlElement | undefined, offset: number): CursorContext {
  const wordStart = scanBack(text, offset);
  const wordEnd = scanForward(text, offset);
  if (text.charCodeAt(wordStart - 1) === 60 /* < */) {
    return { kind: 'elementName', parent, range: { start: wordStart, end: wordEnd }, element: undefined };
  }
  return { kind: 'content', parent, range: { start: wordStart, end: wordEnd } };
}

function scanBack(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && !endsName(text.charCodeAt(at - 1))) at--;
  return at;
}

function scanForward(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && !endsName(text.charCodeAt(at))) at++;
  return at;
}
