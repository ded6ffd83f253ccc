import { parseXml } from '../parser/xmlParser';
import type { XmlDocument, XmlElement } from '../parser/xmlTree';
import type { LineIndex } from '../util/lineIndex';
import type { LibvirtDocument } from './libvirtDocument';
import type { LibvirtObject } from './libvirtModel';

/**
 * The form in which the workspace index keeps a file that is read from disk and not open in the
 * editor. A whole positioned tree costs about twenty times the file's size; a workspace of
 * thousands of files cannot keep one per file. A slim document keeps:
 *
 * - the libvirt model (`object`) exactly as read — every element the model refers to (an
 *   interface, a portgroup, a bandwidth, a tag…) with its whole subtree, and the elements on the
 *   way to them from the root. What nothing refers to (a domain's disks and controllers, a
 *   network's dhcp hosts) is dropped; a network's top-level elements are kept, without their
 *   unreferenced contents, so that edits can still be placed among them;
 * - the line index (`lines`), so ranges into the file still turn into positions;
 * - not the text: every string it keeps is copied out of the file's text, so that text can go;
 *   the whitespace between child elements (indentation) is dropped from their parent's texts.
 *
 * `xml` (the full tree and text) is read again from disk when asked for, and checked against what
 * was indexed: when the file has changed since, `onStale` is told (the index should read it again)
 * and the current text is what `xml` answers. A few recent loads are kept in a small cache keyed
 * by the slim document itself, so a replaced document can never be answered from it.
 */
export function slimDocument(document: LibvirtDocument, readText: () => string | undefined, onStale?: () => void): LibvirtDocument {
  const text = document.xml.text;
  const object = document.object;
  if (object) pruneTree(document.xml, object);
  detachStrings(document.xml, object);
  return new SlimDocument(document.uri, document.version, document.lines, object, digestOf(text), readText, onStale);
}

/** Whether the index holds this document in slim form (its `xml` is read from disk on demand). */
export function isSlimDocument(document: LibvirtDocument): boolean {
  return document instanceof SlimDocument;
}

const recentCapacity = 16;
const recent = new Map<SlimDocument, XmlDocument>();

class SlimDocument implements LibvirtDocument {
  constructor(
    readonly uri: string,
    readonly version: number,
    readonly lines: LineIndex,
    readonly object: LibvirtObject | undefined,
    private readonly digest: number,
    private readonly readText: () => string | undefined,
    private readonly onStale: (() => void) | undefined,
  ) {}

  get xml(): XmlDocument {
    const cached = recent.get(this);
    if (cached) {
      recent.delete(this);
      recent.set(this, cached);
      return cached;
    }
    const text = this.readText();
    const xml = parseXml(text ?? '');
    if (text === undefined || digestOf(text) !== this.digest) {
      this.onStale?.();
      return xml;
    }
    recent.set(this, xml);
    if (recent.size > recentCapacity) recent.delete(recent.keys().next().value!);
    return xml;
  }
}

/** FNV-1a over the UTF-16 code units, mixed with the length: tells a changed file from the indexed one. */
export function digestOf(text: string): number {
  let hash = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Short strings (element and attribute names, `virtio`, `pci`, `0x0000`…) repeat across thousands
 * of files: slim documents share one copy of each. Bounded, so hostile input cannot grow it forever.
 */
const shortStrings = new Map<string, string>();
const maxShortStrings = 50_000;

function interned(value: string): string {
  const known = shortStrings.get(value);
  if (known !== undefined) return known;
  if (shortStrings.size < maxShortStrings) shortStrings.set(value, value);
  return value;
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && 'nameRange' in value && 'children' in value && 'attributes' in value && 'texts' in value;
}

/** Every element the model refers to (the root aside: it is the model's own element, and is pruned). */
function referencedElements(object: LibvirtObject): Set<XmlElement> {
  const found = new Set<XmlElement>();
  const seen = new Set<unknown>();
  const visit = (value: unknown, isRoot: boolean): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (isElement(value)) {
      if (!isRoot) found.add(value);
      return;
    }
    if (value instanceof Map) {
      for (const entry of value.values()) visit(entry, false);
      return;
    }
    for (const entry of Object.values(value)) visit(entry, false);
  };
  for (const [key, value] of Object.entries(object)) visit(value, key === 'element');
  return found;
}

/** Drops, in place, every part of the tree the model does not refer to (see slimDocument). */
function pruneTree(xml: XmlDocument, object: LibvirtObject): void {
  const keep = referencedElements(object);
  const root = object.element;
  const keepsTopLevel = object.kind === 'network';
  // Returns whether the element stays; `shell` elements keep their attributes and texts only.
  const prune = (element: XmlElement, depth: number): boolean => {
    if (keep.has(element)) return true;
    const kept = element.children.filter((child) => prune(child, depth + 1));
    const shell = keepsTopLevel && depth === 1;
    const stays = element === root || kept.length > 0 || shell;
    if (!stays) return false;
    replaceAll(element.children, kept);
    // An element kept only on the way to others has lost children: its texts (the whitespace
    // between them) go too. A top-level shell keeps its own texts (`<name>` and the like).
    if (!shell) replaceAll(element.texts, []);
    return true;
  };
  prune(root, 0);
  replaceAll(xml.roots, xml.roots.filter((element) => element === root));
  replaceAll(xml.recoveries, []);
}

function replaceAll<T>(array: T[], items: readonly T[]): void {
  if (array.length === items.length && array.every((item, i) => item === items[i])) return;
  array.splice(0, array.length, ...items);
}

/**
 * V8 keeps a substring of 13 characters or more as a view into the whole text: copy every string
 * the slim document keeps, so that the file's text is not kept alive through them. Equal strings
 * of one document share one copy.
 */
function detachStrings(xml: XmlDocument, object: LibvirtObject | undefined): void {
  const copies = new Map<string, string>();
  const copy = (value: string): string => {
    if (value.length < 13) return interned(value);
    let copied = copies.get(value);
    if (copied === undefined) copies.set(value, (copied = (' ' + value).slice(1)));
    return copied;
  };
  const mutable = (value: object) => value as Record<string, unknown>;
  const visitElement = (element: XmlElement): void => {
    const record = mutable(element);
    record.name = copy(element.name);
    for (const attribute of element.attributes) {
      mutable(attribute).name = copy(attribute.name);
      if (attribute.value !== undefined) mutable(attribute).value = copy(attribute.value);
    }
    // Between child elements, whitespace is only the file's indentation: it goes.
    const texts = element.children.length > 0 ? element.texts.filter((text) => text.value.trim() !== '') : element.texts;
    for (const text of texts) mutable(text).value = copy(text.value);
    // The parser's arrays grew by pushing and have room to spare: keep exact copies.
    record.attributes = compacted(element.attributes);
    record.texts = compacted(texts);
    record.children = compacted(element.children);
    for (const child of element.children) visitElement(child);
  };
  for (const root of xml.roots) visitElement(root);
  mutable(xml).text = '';
  mutable(xml).recoveries = compacted(xml.recoveries);

  // The model's own values (Ranged, Maps of attributes) are the same strings: swap in the copies.
  // Its lists were mostly grown by pushing (room for 17 items): exact copies, one per list, so a
  // list the model holds in two places stays one list.
  const seen = new Set<unknown>();
  const lists = new Map<unknown[], unknown[]>();
  const compactedOnce = (array: unknown[]): unknown[] => {
    let copy = lists.get(array);
    if (copy === undefined) lists.set(array, (copy = compacted(array)));
    return copy;
  };
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || isElement(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      const entries = [...value];
      value.clear();
      for (const [key, entry] of entries) {
        value.set(typeof key === 'string' ? copy(key) : key, typeof entry === 'string' ? copy(entry) : entry);
        if (typeof entry !== 'string') visit(entry);
      }
      return;
    }
    const record = mutable(value);
    for (const key of Object.keys(record)) {
      const entry = record[key];
      if (typeof entry === 'string') record[key] = copy(entry);
      else if (Array.isArray(entry)) visit((record[key] = compactedOnce(entry)));
      else visit(entry);
    }
  };
  visit(object);
}

/**
 * One shared, frozen empty array for every empty list a slim document keeps (most elements have
 * no children, many no attributes or texts; most interfaces no tags): an array object each costs
 * more than the element's own fields. Frozen, so a stray push throws instead of growing them all.
 */
const noItems: readonly never[] = Object.freeze([]);

function compacted<T>(array: readonly T[]): T[] {
  return (array.length === 0 ? noItems : array.slice()) as T[];
}
