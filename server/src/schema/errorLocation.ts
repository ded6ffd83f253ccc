/**
 * From libxml2's location of an error (a node path such as `/domain/devices/interface[2]`, or a
 * line) to the element in our positioned tree, and from there to the range to underline.
 */
import { findAttribute } from '../parser/xmlQueries';
import type { TextRange, XmlDocument, XmlElement } from '../parser/xmlTree';
import { type LineIndex } from '../util/lineIndex';

/**
 * The element a libxml2 node path designates; when a step cannot be followed (a namespace
 * libxml2 spells differently), the deepest element reached.
 */
export function elementAtNodePath(document: XmlDocument, xpath: string): XmlElement | undefined {
  const steps = xpath.split('/').filter((step) => step !== '');
  let siblings: readonly XmlElement[] = document.roots;
  let found: XmlElement | undefined;
  for (const step of steps) {
    const match = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(step);
    if (!match) return found;
    const [, name, index] = match;
    const named = siblings.filter((element) => element.name === name);
    const next = named[index ? Number(index) - 1 : 0];
    if (!next) return found;
    found = next;
    siblings = next.children;
  }
  return found;
}

/** The innermost element whose start tag begins on a (1-based) line. */
export function elementOnLine(document: XmlDocument, lines: LineIndex, line: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  const pending = [...document.roots];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const startLine = lines.positionAt(element.start).line + 1;
    if (startLine === line && (!found || element.start >= found.start)) found = element;
    if (startLine <= line) pending.push(...element.children);
  }
  return found;
}

/** Where to underline: the named attribute, else the attribute or text holding the quoted value, else the tag name. */
export function rangeFor(element: XmlElement, attribute: string | undefined, value: string | undefined): TextRange {
  if (attribute) {
    const named = findAttribute(element, attribute);
    if (named) return named.nameRange;
  }
  if (value !== undefined) {
    const holder = element.attributes.find((a) => a.value === value && a.valueRange);
    if (holder?.valueRange) return holder.valueRange;
    const text = element.texts.find((t) => t.value.trim() === value.trim() && t.value.trim() !== '');
    if (text) {
      const lead = text.value.length - text.value.trimStart().length;
      const exact = text.value.length === text.range.end - text.range.start;
      return exact ? { start: text.range.start + lead, end: text.range.start + lead + value.trim().length } : text.range;
    }
  }
  return element.nameRange;
}
