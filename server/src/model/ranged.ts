import { ParsedElement } from '../parser/parsedTree';
import { findAttribute, findChild, textContent } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { attributeValuesOf } from './attributeValues';
import type { Ranged } from './libvirtModel';

/**
 * An attribute's value with the range of the value itself (between the quotes). From a parsed
 * tree it is a view of the tree's numbers (40 bytes), not a copy of the value and its range.
 */
export function rangedAttribute(element: XmlElement | undefined, name: string): Ranged | undefined {
  if (!element) return undefined;
  if (element instanceof ParsedElement) return element.attributeValue(name);
  const attribute = findAttribute(element, name);
  if (!attribute || attribute.value === undefined || !attribute.valueRange) return undefined;
  return { value: attribute.value, range: attribute.valueRange };
}

/** The trimmed text of a child element such as `<name>mynet</name>`. */
export function rangedChildText(element: XmlElement, childName: string): Ranged | undefined {
  const child = findChild(element, childName);
  return child ? textContent(child) : undefined;
}

/**
 * The whole character data of a child element, untrimmed, as libvirt reads a `<name>`
 * (virXPathString("string(./name[1])"): whitespace kept, an empty text is no text at all).
 */
export function rangedChildRawText(element: XmlElement, childName: string): Ranged | undefined {
  const child = findChild(element, childName);
  // An element the parser had to close itself (malformed XML) has no trustworthy whole text.
  if (!child?.closed) return undefined;
  const texts = child.texts;
  const value = texts.map((t) => t.value).join('');
  const first = texts[0];
  const last = texts[texts.length - 1];
  if (value === '' || !first || !last) return undefined;
  return { value, range: { start: first.range.start, end: last.range.end } };
}

/** Every attribute of an element that has a value, by name (first occurrence wins, as in libxml2's lookup). */
export function rangedAttributes(element: XmlElement): ReadonlyMap<string, Ranged> {
  return attributeValuesOf(element);
}
