import type { TextRange, XmlAttribute, XmlDocument, XmlElement } from '../parser/xmlTree';

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

export function cursorContext(xml: XmlDocument, offset: number): CursorContext {
  const { text } = xml;
  const element = containerAt(xml.roots, offset);
  if (element && offset <= startTagEnd(text, element)) return inStartTag(text, element, offset);
  if (element?.endTagStart !== undefined && offset > element.endTagStart) return { kind: 'none' };

  const wordStart = scanBack(text, offset);
  const wordEnd = scanForward(text, offset);
  if (text.charCodeAt(wordStart - 1) === 60 /* < */) {
    return { kind: 'elementName', parent: element, range: { start: wordStart, end: wordEnd }, element: undefined };
  }
  return { kind: 'content', parent: element, range: { start: wordStart, end: wordEnd } };
}

function inStartTag(text: string, element: XmlElement, offset: number): CursorContext {
  if (offset >= element.nameRange.start && offset <= element.nameRange.end) {
    return { kind: 'elementName', parent: element.parent, range: element.nameRange, element };
  }
  for (const attribute of element.attributes) {
    const value = attribute.valueRange;
    // A quoted value's range lies between the quotes, so the cursor before the opening quote is not in it.
    if (value && offset >= value.start && offset <= value.end) return { kind: 'attributeValue', element, attribute, range: value };
    if (offset >= attribute.nameRange.start && offset <= attribute.nameRange.end) {
      return { kind: 'attributeName', element, range: attribute.nameRange, attribute };
    }
  }
  // A new attribute may start only after whitespace (not right after a value's closing quote).
  if (offset > element.nameRange.end && /\s/.test(text.charAt(offset - 1))) {
    return { kind: 'attributeName', element, range: { start: offset, end: offset }, attribute: undefined };
  }
  return { kind: 'none' };
}

/**
 * The innermost element holding the offset. Unlike a plain extent test, the position just past a
 * closed element (`<a/>|`) belongs to the parent; an unclosed element keeps the offset where the
 * parser gave up on it, since the author is typing there.
 */
function containerAt(roots: readonly XmlElement[], offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let candidates = roots;
  for (;;) {
    const next = candidates.find((e) => offset > e.start && (e.closed ? offset < e.end : offset <= e.end));
    if (!next) return found;
    found = next;
    candidates = next.children;
  }
}

/** Where the start tag ends: before its `>` or `/>`, or, unterminated, at the next `<`. */
function startTagEnd(text: string, element: XmlElement): number {
  if (element.startTagEnd !== undefined) return element.startTagEnd - (element.selfClosing ? 2 : 1);
  const next = text.indexOf('<', element.nameRange.end);
  return next < 0 ? text.length : next;
}

function isNameCharacter(code: number): boolean {
  return !Number.isNaN(code) && !/[\s<>/='"]/.test(String.fromCharCode(code));
}

function scanBack(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && isNameCharacter(text.charCodeAt(at - 1))) at--;
  return at;
}

function scanForward(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && isNameCharacter(text.charCodeAt(at))) at++;
  return at;
}
