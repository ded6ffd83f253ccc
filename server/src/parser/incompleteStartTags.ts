import type { TextRange, XmlDocument, XmlElement } from './xmlTree';

/**
 * True while an element's start tag is still being written: it has no `>` yet, or an attribute
 * has no `=value` yet, or a value has no closing quote. The document is then not well-formed, and
 * that one error marks the spot; what the element lacks is not known until its tag is complete.
 */
export function startTagIncomplete(element: XmlElement): boolean {
  return element.startTagEnd === undefined || element.attributes.some((a) => a.value === undefined || !a.valueClosed);
}

/** The elements whose start tag is incomplete, in document order; walked without recursion. */
export function incompleteStartTags(document: XmlDocument): XmlElement[] {
  const found: XmlElement[] = [];
  const pending: XmlElement[] = [...document.roots].reverse();
  for (let element = pending.pop(); element; element = pending.pop()) {
    if (startTagIncomplete(element)) found.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) pending.push(element.children[i]);
  }
  return found;
}

/**
 * When a start tag runs into the next tag (`<inter` then a newline and `</devices>`),
 * fast-xml-parser reads the next tag as an attribute ("boolean attribute '</devices' is not
 * allowed") and points there, a line below the one being typed. The element whose start tag has
 * no `>` before `offset`, nearest to it, is what to report, at its name.
 */
export function unterminatedStartTagBefore(document: XmlDocument, offset: number): { message: string; range: TextRange } | undefined {
  let nearest: XmlElement | undefined;
  for (const element of incompleteStartTags(document)) {
    if (element.startTagEnd === undefined && element.start < offset) nearest = element;
  }
  return nearest && { message: `start tag <${nearest.name}> has no '>': finish it with '>' or '/>'`, range: nearest.nameRange };
}
