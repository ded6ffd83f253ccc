import { findAttribute, findChild, textContent } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import type { Ranged } from './libvirtModel';

/** An attribute's value with the range of the value itself (between the quotes). */
export function rangedAttribute(element: XmlElement | undefined, name: string): Ranged | undefined {
  if (!element) return undefined;
  const attribute = findAttribute(element, name);
  if (!attribute || attribute.value === undefined || !attribute.valueRange) return undefined;
  return { value: attribute.value, range: attribute.valueRange };
}

/** The trimmed text of a child element such as `<name>mynet</name>`. */
export function rangedChildText(element: XmlElement, childName: string): Ranged | undefined {
  const child = findChild(element, childName);
  return child ? textContent(child) : undefined;
}

/** Every attribute of an element that has a value, by name (first occurrence wins, as in libxml2's lookup). */
export function rangedAttributes(element: XmlElement): ReadonlyMap<string, Ranged> {
  const map = new Map<string, Ranged>();
  for (const attribute of element.attributes) {
    if (attribute.value === undefined || !attribute.valueRange || map.has(attribute.name)) continue;
    map.set(attribute.name, { value: attribute.value, range: attribute.valueRange });
  }
  return map;
}
