import { markupAt } from '../parser/markupAt';
import type { TextRange, XmlAttribute, XmlDocument, XmlElement, XmlText } from '../parser/xmlTree';

/** The piece of markup under the cursor, for features that act on a token (hover). */
export interface Token {
  readonly element: XmlElement;
  readonly part: 'elementName' | 'attributeName' | 'attributeValue' | 'text';
  readonly attribute?: XmlAttribute;
  readonly range: TextRange;
}

/**
 * Reads markupAt's `characterAfter` rule (the character under the pointer): `|<a>` hovers nothing,
 * and `|</a>` hovers the end tag's name, though for markupAt that offset is still content.
 */
export function tokenAt(xml: XmlDocument, offset: number): Token | undefined {
  const at = markupAt(xml, offset, 'characterAfter');
  switch (at.kind) {
    case 'elementName':
      return { element: at.element, part: 'elementName', range: at.range };
    case 'endTag':
      return { element: at.element, part: 'elementName', range: at.range };
    case 'attributeName':
    case 'attributeValue':
      return { element: at.element, part: at.kind, attribute: at.attribute, range: at.range };
    case 'startTag':
      return undefined;
    case 'content':
      return at.element ? contentToken(xml.text, at.element, at.text, offset) : undefined;
  }
}

function contentToken(text: string, element: XmlElement, piece: XmlText | undefined, offset: number): Token | undefined {
  if (element.endTagStart === offset) {
    const nameStart = offset + 2;
    return { element, part: 'elementName', range: { start: nameStart, end: nameStart + element.name.length } };
  }
  if (!piece || piece.value.trim() === '') return undefined;
  const raw = text.slice(piece.range.start, piece.range.end);
  const start = piece.range.start + (raw.length - raw.trimStart().length);
  return { element, part: 'text', range: { start, end: start + raw.trim().length } };
}
