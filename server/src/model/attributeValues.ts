import { ParsedElement } from '../parser/parsedTree';
import type { XmlElement } from '../parser/xmlTree';
import type { Ranged } from './libvirtModel';

/**
 * Every attribute of an element that has a value, by name (first occurrence wins, as in
 * libxml2's lookup), read from the element when asked: a `<source>` of each of 30,000 interfaces
 * held a Map of its attributes' values, about 300 bytes each, copies of what the tree holds.
 */
export class AttributeValues implements ReadonlyMap<string, Ranged> {
  constructor(private readonly element: ParsedElement) {}

  get(name: string): Ranged | undefined {
    return this.element.attributeValue(name);
  }

  has(name: string): boolean {
    return this.element.attributeValue(name) !== undefined;
  }

  get size(): number {
    return this.element.attributeValues().size;
  }

  forEach(callback: (value: Ranged, key: string, map: ReadonlyMap<string, Ranged>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.element.attributeValues()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, Ranged]> {
    return this.element.attributeValues().entries();
  }

  keys(): MapIterator<string> {
    return this.element.attributeValues().keys();
  }

  values(): MapIterator<Ranged> {
    return this.element.attributeValues().values();
  }

  [Symbol.iterator](): MapIterator<[string, Ranged]> {
    return this.entries();
  }

  /** Its entries (a Map would be written `{}`, which says nothing). */
  toJSON(): [string, Ranged][] {
    return [...this.entries()];
  }
}

/** The values of an element's attributes: read on demand from a parsed tree, copied otherwise. */
export function attributeValuesOf(element: XmlElement): ReadonlyMap<string, Ranged> {
  if (element instanceof ParsedElement) return new AttributeValues(element);
  const map = new Map<string, Ranged>();
  for (const attribute of element.attributes) {
    if (attribute.value === undefined || !attribute.valueRange || map.has(attribute.name)) continue;
    map.set(attribute.name, { value: attribute.value, range: attribute.valueRange });
  }
  return map;
}
