import type { XmlAttribute, XmlElement, XmlText } from '../parser/xmlTree';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import { KeptBytesReader, KeptBytesWriter } from './keptBytes';
import { keptSlice } from './keptModel';
import { KeptAttribute, KeptElement, KeptRanged, noItems, noList } from './keptTree';
import type { LibvirtObject } from './libvirtModel';

/**
 * A closed file's kept model (keptModel.ts) packed into one string of bytes and the list of the
 * strings it holds (issue 19, issue 14: as objects, a 4.7 MB domain's kept model was 55 MiB, 12×
 * its bytes; a 1,000-file index 9 MiB, 2.2×, mostly element, attribute and range objects of 88–128
 * bytes each). Unpacked on demand (unpackKeptRecord) into the same values: the same classes, the
 * same fields in the same order, the same empty shared list, the same strings.
 *
 * The stream: first the kept tree of the model's root element, each element in document order
 * with its attributes, texts and children; then the model, as tagged values that refer to the
 * elements by their number in that order (an element the model holds outside that tree is written
 * with its own tree where the model first refers to it). Plain objects are written as the number of their shape (their keys in order, one list
 * for the whole process: the model has a few dozen) and their values.
 */
export interface KeptRecord {
  readonly packed: string;
  /** Every string the record holds, each once; the stream names them by their place here. */
  readonly strings: readonly string[];
}

/** What a value of the stream is. */
const valueKind = {
  undefined: 0,
  null: 1,
  true: 2,
  false: 3,
  integer: 4,
  /** Any other number, written as its text. */
  number: 5,
  string: 6,
  ranged: 7,
  element: 8,
  /** The shared empty list (noItems). */
  empty: 9,
  list: 10,
  map: 11,
  object: 12,
  /** An element outside the trees written so far: its tree, then its number (see KeptRecordWriter.value). */
  elementOfAnotherTree: 13,
} as const;

/** Bits of an element's flags. */
const elementFlag = { selfClosing: 1, closed: 2, startTagEnd: 4, endTagStart: 8 } as const;
/** Bits of an attribute's flags. */
const attributeFlag = { doubleQuote: 1, singleQuote: 2, valueClosed: 4, value: 8, valueRange: 16 } as const;

/** The key lists of the plain objects packed so far, by number (shared by every record). */
const shapes: string[][] = [];
const shapeNumbers = new Map<string, number>();

function shapeNumber(keys: string[]): number {
  const id = keys.join('\u0000');
  let number = shapeNumbers.get(id);
  if (number === undefined) {
    number = shapes.length;
    shapes.push(keys);
    shapeNumbers.set(id, number);
  }
  return number;
}

/** Packs a kept model (the output of keptModelOf: its elements are KeptElements). */
export function packKeptRecord(object: LibvirtObject): KeptRecord {
  return runToEnd(packKeptRecordInSlices(object));
}

/** packKeptRecord in slices (see SlicedWork), for a large file read from disk while the server answers requests. */
export function* packKeptRecordInSlices(object: LibvirtObject): SlicedWork<KeptRecord> {
  const writer = new KeptRecordWriter();
  yield* writer.tree(rootOf(object.element));
  yield* writer.model(object);
  return writer.record();
}

/** The kept model a record was packed from: new objects, equal to it in every value. */
export function unpackKeptRecord(record: KeptRecord): LibvirtObject {
  const reader = new KeptRecordReader(record);
  reader.tree();
  return reader.value() as LibvirtObject;
}

class KeptRecordWriter {
  private readonly out = new KeptBytesWriter();
  private readonly strings: string[] = [];
  private readonly stringNumbers = new Map<string, number>();
  private readonly elementNumbers = new Map<XmlElement, number>();

  record(): KeptRecord {
    return { packed: this.out.packed(), strings: this.strings };
  }

  /** Elements written so far: a slice ends every keptSlice of them. */
  private written = 0;

  *tree(root: XmlElement): SlicedWork<void> {
    yield* this.element(root);
  }

  /** The model itself, as `value` writes a plain object, with a slice's end between the items of its lists. */
  *model(object: LibvirtObject): SlicedWork<void> {
    const fields = object as unknown as Record<string, unknown>;
    const keys = Object.keys(fields);
    this.out.byte(valueKind.object);
    this.out.unsigned(shapeNumber(keys));
    for (const key of keys) {
      const value = fields[key];
      if (!Array.isArray(value) || value.length === 0) {
        this.value(value);
        continue;
      }
      this.out.byte(valueKind.list);
      this.out.unsigned(value.length);
      for (let i = 0; i < value.length; i++) {
        this.value(value[i]);
        if (i % keptSlice === keptSlice - 1) yield;
      }
    }
  }

  value(value: unknown): void {
    const out = this.out;
    if (value === undefined) out.byte(valueKind.undefined);
    else if (value === null) out.byte(valueKind.null);
    else if (value === true) out.byte(valueKind.true);
    else if (value === false) out.byte(valueKind.false);
    else if (typeof value === 'number') this.number(value);
    else if (typeof value === 'string') {
      out.byte(valueKind.string);
      this.string(value);
    } else if (value instanceof KeptRanged) {
      out.byte(valueKind.ranged);
      this.ranged(value);
    } else if (value instanceof KeptElement) {
      if (!this.elementNumbers.has(value)) {
        // Copied alone (keptModel.ts: an element outside the root's tree): its own tree, here.
        out.byte(valueKind.elementOfAnotherTree);
        runToEnd(this.element(rootOf(value)));
      } else out.byte(valueKind.element);
      out.unsigned(this.elementNumbers.get(value) ?? 0);
    } else if (Array.isArray(value)) this.list(value);
    else if (value instanceof Map) this.map(value);
    else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) this.object(value);
    else throw new Error(`kept record: cannot pack a value of type ${typeof value}`);
  }

  private number(value: number): void {
    if (Number.isInteger(value) && Math.abs(value) <= 2 ** 52 && !Object.is(value, -0)) {
      this.out.byte(valueKind.integer);
      this.out.signed(value);
    } else {
      this.out.byte(valueKind.number);
      this.string(String(value));
    }
  }

  private list(items: readonly unknown[]): void {
    if (items.length === 0) {
      this.out.byte(valueKind.empty);
      return;
    }
    this.out.byte(valueKind.list);
    this.out.unsigned(items.length);
    for (const item of items) this.value(item);
  }

  private map(map: ReadonlyMap<unknown, unknown>): void {
    this.out.byte(valueKind.map);
    this.out.unsigned(map.size);
    for (const [key, item] of map) {
      if (typeof key !== 'string') throw new Error('kept record: a map key is not a string');
      this.string(key);
      this.value(item);
    }
  }

  private object(object: object): void {
    const keys = Object.keys(object);
    this.out.byte(valueKind.object);
    this.out.unsigned(shapeNumber(keys));
    for (const key of keys) this.value((object as Record<string, unknown>)[key]);
  }

  private string(value: string): void {
    let number = this.stringNumbers.get(value);
    if (number === undefined) {
      number = this.strings.length;
      this.strings.push(value);
      this.stringNumbers.set(value, number);
    }
    this.out.unsigned(number);
  }

  private ranged(ranged: XmlText): void {
    const { start, end } = ranged.range;
    this.string(ranged.value);
    this.out.position(start);
    this.out.position(end);
  }

  private *element(element: XmlElement): SlicedWork<void> {
    if (++this.written % keptSlice === 0) yield;
    const out = this.out;
    this.elementNumbers.set(element, this.elementNumbers.size);
    this.string(element.name);
    out.byte(
      (element.selfClosing ? elementFlag.selfClosing : 0) |
        (element.closed ? elementFlag.closed : 0) |
        (element.startTagEnd !== undefined ? elementFlag.startTagEnd : 0) |
        (element.endTagStart !== undefined ? elementFlag.endTagStart : 0),
    );
    out.position(element.start);
    out.position(element.nameRange.start);
    out.position(element.nameRange.end);
    out.unsigned(element.attributes.length);
    for (const attribute of element.attributes) this.attribute(attribute);
    if (element.startTagEnd !== undefined) out.position(element.startTagEnd);
    out.unsigned(element.texts.length);
    for (const text of element.texts) this.ranged(text);
    out.unsigned(element.children.length);
    for (const child of element.children) yield* this.element(child);
    if (element.endTagStart !== undefined) out.position(element.endTagStart);
    out.position(element.end);
  }

  private attribute(attribute: XmlAttribute): void {
    const { value, valueRange, quote } = attribute;
    this.out.byte(
      (quote === '"' ? attributeFlag.doubleQuote : quote === "'" ? attributeFlag.singleQuote : 0) |
        (attribute.valueClosed ? attributeFlag.valueClosed : 0) |
        (value !== undefined ? attributeFlag.value : 0) |
        (valueRange !== undefined ? attributeFlag.valueRange : 0),
    );
    this.string(attribute.name);
    this.out.position(attribute.nameRange.start);
    this.out.position(attribute.nameRange.end);
    if (value !== undefined) this.string(value);
    if (valueRange !== undefined) {
      this.out.position(valueRange.start);
      this.out.position(valueRange.end);
    }
  }
}

class KeptRecordReader {
  private readonly in: KeptBytesReader;
  private readonly strings: readonly string[];
  private readonly elements: XmlElement[] = [];

  constructor(record: KeptRecord) {
    this.in = new KeptBytesReader(record.packed);
    this.strings = record.strings;
  }

  tree(): void {
    this.element(undefined);
  }

  value(): unknown {
    const kind = this.in.byte();
    switch (kind) {
      case valueKind.undefined:
        return undefined;
      case valueKind.null:
        return null;
      case valueKind.true:
        return true;
      case valueKind.false:
        return false;
      case valueKind.integer:
        return this.in.signed();
      case valueKind.number:
        return Number(this.string());
      case valueKind.string:
        return this.string();
      case valueKind.ranged:
        return this.ranged();
      case valueKind.element:
        return this.elements[this.in.unsigned()];
      case valueKind.elementOfAnotherTree:
        this.tree();
        return this.elements[this.in.unsigned()];
      case valueKind.empty:
        return noItems;
      case valueKind.list:
        return this.list();
      case valueKind.map:
        return this.map();
      case valueKind.object:
        return this.object();
      default:
        throw new Error(`kept record: unknown value kind ${kind}`);
    }
  }

  private list(): unknown[] {
    const items = new Array<unknown>(this.in.unsigned());
    for (let i = 0; i < items.length; i++) items[i] = this.value();
    return items;
  }

  private map(): Map<string, unknown> {
    const map = new Map<string, unknown>();
    const size = this.in.unsigned();
    for (let i = 0; i < size; i++) {
      const key = this.string();
      map.set(key, this.value());
    }
    return map;
  }

  private object(): Record<string, unknown> {
    const keys = shapes[this.in.unsigned()] ?? [];
    const object: Record<string, unknown> = {};
    for (const key of keys) object[key] = this.value();
    return object;
  }

  private string(): string {
    return this.strings[this.in.unsigned()] ?? '';
  }

  private ranged(): KeptRanged {
    const value = this.string();
    const start = this.in.position();
    return new KeptRanged(value, { start, end: this.in.position() });
  }

  private element(parent: XmlElement | undefined): XmlElement {
    const input = this.in;
    const name = this.string();
    const flags = input.byte();
    const start = input.position();
    const nameStart = input.position();
    const nameRange = { start: nameStart, end: input.position() };
    const attributes = this.listOf(() => this.attribute());
    const startTagEnd = flags & elementFlag.startTagEnd ? input.position() : undefined;
    const texts = this.listOf(() => this.ranged());
    // The end and the end tag come after the children in the stream (document order); set below.
    const element = new KeptElement(
      name,
      nameRange,
      start,
      start,
      startTagEnd,
      undefined,
      (flags & elementFlag.selfClosing) !== 0,
      (flags & elementFlag.closed) !== 0,
      attributes,
      texts,
      parent,
      noList<XmlElement>(),
    );
    this.elements.push(element);
    element.children = this.listOf(() => this.element(element));
    if (flags & elementFlag.endTagStart) element.endTagStart = input.position();
    element.end = input.position();
    return element;
  }

  private attribute(): XmlAttribute {
    const input = this.in;
    const flags = input.byte();
    const name = this.string();
    const nameStart = input.position();
    const nameRange = { start: nameStart, end: input.position() };
    const value = flags & attributeFlag.value ? this.string() : undefined;
    let valueRange: { start: number; end: number } | undefined;
    if (flags & attributeFlag.valueRange) {
      const valueStart = input.position();
      valueRange = { start: valueStart, end: input.position() };
    }
    const quote = flags & attributeFlag.doubleQuote ? '"' : flags & attributeFlag.singleQuote ? "'" : undefined;
    return new KeptAttribute(name, nameRange, value, valueRange, quote, (flags & attributeFlag.valueClosed) !== 0);
  }

  /** A list of the stream's count of items, or the shared empty list. */
  private listOf<T>(read: () => T): T[] {
    const count = this.in.unsigned();
    if (count === 0) return noList<T>();
    const items = new Array<T>(count);
    for (let i = 0; i < count; i++) items[i] = read();
    return items;
  }
}

/** The root of the tree an element is in. */
function rootOf(element: XmlElement): XmlElement {
  let root = element;
  while (root.parent) root = root.parent;
  return root;
}
