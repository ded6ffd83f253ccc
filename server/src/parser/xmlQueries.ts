import { innermostElementAt } from './markupAt';
import { ParsedElement } from './parsedTree';
import type { XmlAttribute, XmlElement, XmlText } from './xmlTree';

export function findAttribute(element: XmlElement, name: string): XmlAttribute | undefined {
  if (element instanceof ParsedElement) return element.attribute(name);
  for (const attribute of element.attributes) if (attribute.name === name) return attribute;
  return undefined;
}

export function findChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) if (child.name === name) return child;
  return undefined;
}

export function findChildren(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The element's character data, trimmed, with the range of the trimmed text. */
export function textContent(element: XmlElement): XmlText | undefined {
  const texts = element.texts;
  if (texts.length === 0) return undefined;
  const joined = texts.map((t) => t.value).join('');
  const value = joined.trim();
  if (value === '') return undefined;
  if (texts.length === 1 && texts[0].value.length === texts[0].range.end - texts[0].range.start) {
    // Undecoded single segment: the trimmed range is exact.
    const lead = joined.length - joined.trimStart().length;
    const start = texts[0].range.start + lead;
    return { value, range: { start, end: start + value.length } };
  }
  return { value, range: { start: texts[0].range.start, end: texts[texts.length - 1].range.end } };
}

/**
 * The innermost element holding the character before the offset (markupAt's `characterBefore`
 * rule): the schema cursor reads `<a/>|` as still at `<a/>`.
 */
export function elementAt(roots: readonly XmlElement[], offset: number): XmlElement | undefined {
  return innermostElementAt(roots, offset, 'characterBefore');
}
