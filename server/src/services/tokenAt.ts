import type { TextRange, XmlAttribute, XmlDocument, XmlElement } from '../parser/xmlTree';

/** The piece of markup under the cursor, for features that act on a token (hover). */
export interface Token {
  readonly element: XmlElement;
  readonly part: 'elementName' | 'attributeName' | 'attributeValue' | 'text';
  readonly attribute?: XmlAttribute;
  readonly range: TextRange;
}

export function tokenAt(xml: XmlDocument, offset: number): Token | undefined {
  const element = elementHolding(xml.roots, offset);
  if (!element) return undefined;
  if (within(element.nameRange, offset)) return { element, part: 'elementName', range: element.nameRange };
  if (element.endTagStart !== undefined && offset >= element.endTagStart) {
    return { element, part: 'elementName', range: { start: element.endTagStart + 2, end: element.endTagStart + 2 + element.name.length } };
  }
  for (const attribute of element.attributes) {
    if (attribute.valueRange && within(attribute.valueRange, offset)) return { element, part: 'attributeValue', attribute, range: attribute.valueRange };
    if (within(attribute.nameRange, offset)) return { element, part: 'attributeName', attribute, range: attribute.nameRange };
  }
  for (const text of element.texts) {
    if (within(text.range, offset) && text.value.trim() !== '') {
      const raw = xml.text.slice(text.range.start, text.range.end);
      const start = text.range.start + (raw.length - raw.trimStart().length);
      return { element, part: 'text', range: { start, end: start + raw.trim().length } };
    }
  }
  return undefined;
}

/** The innermost element whose markup holds the character at the offset. */
function elementHolding(roots: readonly XmlElement[], offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let candidates = roots;
  for (;;) {
    const next = candidates.find((e) => offset >= e.start && offset < e.end);
    if (!next) return found;
    found = next;
    candidates = next.children;
  }
}

/** Inclusive of the end, so the cursor just after a word still hovers it. */
function within(range: TextRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}
