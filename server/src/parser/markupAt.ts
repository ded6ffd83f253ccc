/**
 * What is at an offset of a parsed document: the one place that decides which element, name,
 * value, tag or text an offset stands in, and what happens on the boundaries.
 *
 * An offset is a position between two characters, as LSP positions are. The rules:
 * - Elements: which element holds an offset on its boundary depends on the question (see
 *   `ElementBoundary`); everything below is decided inside the element found.
 * - Names and values hold both their ends: `<|name`, `<name|`, `'|value'` and `'value|'` are on
 *   the name or value. A quoted value's range lies between its quotes, so `=|'value'` is not in
 *   it. When an attribute's value and the next attribute's name would both hold the offset, the
 *   attributes are taken in document order, value before name.
 * - The start tag runs from the element's start up to before its `>` or `/>`; an unterminated one
 *   (`<source network='my`) up to the next `<`, where the author most likely stopped typing.
 * - The end tag holds the offsets after its `<` up to the element's end; `text|</a>` is content.
 * - Content is the rest of the element. Its `text` is the character data holding the offset, ends
 *   included; where two pieces meet at the offset (`a <` makes a piece of its stray `<`), the one
 *   with more than whitespace.
 */
import type { TextRange, XmlAttribute, XmlDocument, XmlElement, XmlText } from './xmlTree';

/**
 * Which element holds an offset lying on its boundary (its `<` or just past its end):
 * - `cursor`: where typing at the offset lands. Strictly inside the element (start < offset <
 *   end), so `|<a/>` and `<a/>|` are in the parent; an unclosed element also holds its end, where
 *   the parser gave up on it, since the author is typing there.
 * - `characterAfter`: the element holding the character after the offset (start <= offset < end),
 *   as a mouse pointer hovers a character.
 * - `characterBefore`: the element holding the character before the offset (start < offset <= end).
 */
export type ElementBoundary = 'cursor' | 'characterAfter' | 'characterBefore';

export type MarkupAt =
  | { readonly kind: 'elementName'; readonly element: XmlElement; readonly range: TextRange }
  | { readonly kind: 'attributeName'; readonly element: XmlElement; readonly attribute: XmlAttribute; readonly range: TextRange }
  | { readonly kind: 'attributeValue'; readonly element: XmlElement; readonly attribute: XmlAttribute; readonly range: TextRange }
  /** In a start tag, on none of its names or values (between attributes, before `>`). */
  | { readonly kind: 'startTag'; readonly element: XmlElement }
  /** In an end tag; the range is the end tag's name. */
  | { readonly kind: 'endTag'; readonly element: XmlElement; readonly range: TextRange }
  /** Between tags; `element` is undefined outside the root element. */
  | { readonly kind: 'content'; readonly element: XmlElement | undefined; readonly text: XmlText | undefined };

export function markupAt(xml: XmlDocument, offset: number, boundary: ElementBoundary): MarkupAt {
  const element = innermostElementAt(xml.roots, offset, boundary);
  if (!element) return { kind: 'content', element: undefined, text: undefined };
  if (offset <= startTagContentEnd(xml.text, element)) return inStartTag(element, offset);
  if (element.endTagStart !== undefined && offset > element.endTagStart) {
    const nameStart = element.endTagStart + 2;
    return { kind: 'endTag', element, range: { start: nameStart, end: nameStart + element.name.length } };
  }
  return { kind: 'content', element, text: textAt(element, offset) };
}

/** The innermost element holding the offset under the given boundary rule (iterative: nesting may be deep). */
export function innermostElementAt(roots: readonly XmlElement[], offset: number, boundary: ElementBoundary): XmlElement | undefined {
  const holds = holdsOffset[boundary];
  let found: XmlElement | undefined;
  let candidates: readonly XmlElement[] = roots;
  for (;;) {
    const next = candidates.find((e) => holds(e, offset));
    if (!next) return found;
    found = next;
    candidates = next.children;
  }
}

const holdsOffset: Readonly<Record<ElementBoundary, (e: XmlElement, offset: number) => boolean>> = {
  cursor: (e, offset) => offset > e.start && (e.closed ? offset < e.end : offset <= e.end),
  characterAfter: (e, offset) => offset >= e.start && offset < e.end,
  characterBefore: (e, offset) => offset > e.start && offset <= e.end,
};

function inStartTag(element: XmlElement, offset: number): MarkupAt {
  if (containsOffset(element.nameRange, offset)) return { kind: 'elementName', element, range: element.nameRange };
  for (const attribute of element.attributes) {
    const value = attribute.valueRange;
    if (value && containsOffset(value, offset)) return { kind: 'attributeValue', element, attribute, range: value };
    if (containsOffset(attribute.nameRange, offset)) return { kind: 'attributeName', element, attribute, range: attribute.nameRange };
  }
  return { kind: 'startTag', element };
}

/** Where the start tag's inside ends: before its `>` or `/>`, or, unterminated, at the next `<`. */
function startTagContentEnd(text: string, element: XmlElement): number {
  if (element.startTagEnd !== undefined) return element.startTagEnd - (element.selfClosing ? 2 : 1);
  const next = text.indexOf('<', element.nameRange.end);
  return next < 0 ? text.length : next;
}

/** Whether a range holds the offset, both ends included. */
export function containsOffset(range: TextRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

function textAt(element: XmlElement, offset: number): XmlText | undefined {
  let blank: XmlText | undefined;
  for (const text of element.texts) {
    if (!containsOffset(text.range, offset)) continue;
    if (text.value.trim() !== '') return text;
    blank ??= text;
  }
  return blank;
}
