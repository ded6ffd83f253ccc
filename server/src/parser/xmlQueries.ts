import type { TextRange, XmlAttribute, XmlElement, XmlText } from './xmlTree';

export function findAttribute(element: XmlElement, name: string): XmlAttribute | undefined {
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

export function containsOffset(range: TextRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

/** The innermost element whose extent holds the offset (iterative: nesting may be deep). */
export function elementAt(roots: readonly XmlElement[], offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let candidates: readonly XmlElement[] = roots;
  for (;;) {
    const next = candidates.find((e) => offset > e.start && offset <= e.end);
    if (!next) return found;
    found = next;
    candidates = next.children;
  }
}

export function attributeAt(element: XmlElement, offset: number): XmlAttribute | undefined {
  return element.attributes.find(
    (a) => containsOffset(a.nameRange, offset) || (a.valueRange !== undefined && containsOffset(a.valueRange, offset)),
  );
}
