import type { TextRange, XmlAttribute, XmlElement, XmlText } from './xmlTree';

/*
 * The parser's tree, held compactly (issues 14 and 19: a 4.7 MiB domain of 30,000 interfaces made
 * a tree of 65 MiB, about 1 KB per element). An element is an object (features keep elements as
 * keys and compare them), holding only its name, parent, children and its number in the tree;
 * its offsets, attributes and texts are numbers in a few typed arrays of the tree. Attribute and
 * text objects, and every range, are made when they are read: they are values, nothing compares
 * them by identity, so a new one per read is the same answer. A value is the text between its
 * quotes unless reading it changed it (a reference, a tab, a `\r`): only those are kept as
 * strings. Names are interned: 30,000 `<interface>` share one 'interface'.
 */

/** Shared by every element without attributes, children or texts: never to be changed. */
export const noElements: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];
export const noAttributes: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];
export const noTexts: XmlText[] = Object.freeze([]) as unknown as XmlText[];

/** A growable list of 32-bit integers. */
class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** Room for `count` more numbers at `length`: the data to write them in (then add them to `length`). */
  reserve(count: number): Int32Array {
    while (this.length + count > this.data.length) this.grow();
    return this.data;
  }

  /** Room for `length` numbers, all of them zero. */
  zeroed(length: number): Int32Array {
    while (this.data.length < length) this.grow();
    this.data.fill(0, 0, length);
    this.length = length;
    return this.data;
  }

  private grow(): void {
    const data = new Int32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }
}

/**
 * The lists a parse builds its tree in, and the table that interns its names. A finished tree
 * copies them into one array of its own, and the next parse reuses them: a typed array is slow to
 * make (an allocation outside the heap), and 5,000 small files made ten each.
 */
class Scratch {
  readonly elements = new IntList(1024);
  readonly attributeFirst = new IntList(256);
  readonly attributes = new IntList(1280);
  readonly texts = new IntList(1024);
  readonly textOwners = new IntList(512);
  readonly cursors = new IntList(256);
  /** Open addressing: name id + 1, 0 for a free slot. */
  nameSlots: Int32Array<ArrayBuffer> = new Int32Array(256);
  readonly usedSlots = new IntList(64);

  /** Ready for the next parse; false when it grew too large to be kept. */
  clear(): boolean {
    for (let i = 0; i < this.usedSlots.length; i++) this.nameSlots[this.usedSlots.data[i]] = 0;
    for (const list of [this.elements, this.attributeFirst, this.attributes, this.texts, this.textOwners, this.cursors, this.usedSlots]) {
      list.length = 0;
      if (list.data.length > scratchKeptUpTo) return false;
    }
    return this.nameSlots.length <= scratchKeptUpTo;
  }
}

/** A scratch list larger than this (numbers) is not kept for the next parse: 4 MB. */
const scratchKeptUpTo = 1 << 20;
const scratchPool: Scratch[] = [];
const noNumbers = new Int32Array(0);

/** Whether `name` is written at [start, end) of the text (a loop: faster than startsWith here). */
function sameName(name: string, text: string, start: number, end: number): boolean {
  if (name.length !== end - start) return false;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** The hash of a name, one character code after the other (the parser computes it as it scans). */
export function nextNameHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

// Slots of an element in elementData.
const elementStride = 4;
const startSlot = 0;
const endSlot = 1;
/** -1 while the start tag is unterminated. */
const startTagEndSlot = 2;
/** -1: no end tag; -2: self-closing. */
const endTagStartSlot = 3;
const selfClosingMark = -2;

// Slots of an attribute in attributeData.
const attributeStride = 5;
const nameStartSlot = 0;
const nameIdSlot = 1;
/** -1: a bare name, without value. */
const valueStartSlot = 2;
const valueEndSlot = 3;
/** Bits 0–1: the quote (0 none, 1 `"`, 2 `'`); bit 2: the value is closed. */
const flagsSlot = 4;
const closedFlag = 4;

/** The store behind one parse's elements. */
export class ParsedTree {
  /** Interned names, by id. */
  readonly names: string[] = [];
  /** While parsing: each name's hash, by id. */
  private nameHashes: number[] | undefined = [];
  /** While parsing: where the tree is built. */
  private scratch: Scratch | undefined;
  private elementData: Int32Array;
  /** Element n's attributes are attributeFirst[n] up to attributeFirst[n + 1]. */
  private attributeFirst: Int32Array;
  private attributeData: Int32Array;
  private attributeCount = 0;
  /** Values that differ from the text between their quotes, by attribute number. */
  private attributeValues: Map<number, string> | undefined;
  /** Each text's start and end, grouped by element once the parse is finished. */
  private textData: Int32Array = noNumbers;
  /** Once finished: element n's texts are textFirst[n] up to textFirst[n + 1]. */
  private textFirst: Int32Array = noNumbers;
  /** Texts whose value differs from their source text, by text number. */
  private textValues: Map<number, string> | undefined;
  private elementCount = 0;
  /**
   * The attributes and texts made last, and whose they are: a loop that reads
   * `element.attributes[i]` gets one array, not one per turn (150,000 attributes would make it
   * quadratic). Private fields: not part of what the tree is (deepEqual does not see them).
   */
  #lastAttributes: { readonly element: number; readonly attributes: XmlAttribute[] } | undefined;
  #lastTexts: { readonly element: number; readonly texts: XmlText[] } | undefined;

  constructor(readonly text: string) {
    const scratch = scratchPool.pop() ?? new Scratch();
    this.scratch = scratch;
    this.elementData = scratch.elements.data;
    this.attributeFirst = scratch.attributeFirst.data;
    this.attributeData = scratch.attributes.data;
  }

  addElement(nameStart: number, nameEnd: number, nameHash: number, parent: ParsedElement | undefined): ParsedElement {
    const scratch = this.building();
    const element = new ParsedElement(this, this.elementCount++, this.names[this.nameIdAt(nameStart, nameEnd, nameHash)], parent);
    const list = scratch.elements;
    const data = list.reserve(elementStride);
    const at = list.length;
    data[at + startSlot] = nameStart - 1;
    data[at + endSlot] = nameEnd;
    data[at + startTagEndSlot] = -1;
    data[at + endTagStartSlot] = -1;
    list.length += elementStride;
    this.elementData = data;
    scratch.attributeFirst.push(this.attributeCount);
    this.attributeFirst = scratch.attributeFirst.data;
    return element;
  }

  /** Adds an attribute to the element added last; `value` only when reading changed the written text. */
  addAttribute(
    nameStart: number,
    nameId: number,
    valueStart: number,
    valueEnd: number,
    quote: '"' | "'" | undefined,
    closed: boolean,
    value: string | undefined,
  ): void {
    const list = this.building().attributes;
    if (value !== undefined) (this.attributeValues ??= new Map()).set(this.attributeCount, value);
    this.attributeCount++;
    const data = list.reserve(attributeStride);
    const at = list.length;
    data[at + nameStartSlot] = nameStart;
    data[at + nameIdSlot] = nameId;
    data[at + valueStartSlot] = valueStart;
    data[at + valueEndSlot] = valueEnd;
    data[at + flagsSlot] = (quote === '"' ? 1 : quote === "'" ? 2 : 0) | (closed ? closedFlag : 0);
    list.length += attributeStride;
    this.attributeData = data;
  }

  /** Adds a text to an element; `value` only when reading changed the written text. */
  addText(element: ParsedElement, start: number, end: number, value: string | undefined): void {
    const scratch = this.building();
    if (value !== undefined) (this.textValues ??= new Map()).set(scratch.textOwners.length, value);
    const texts = scratch.texts;
    const data = texts.reserve(2);
    data[texts.length] = start;
    data[texts.length + 1] = end;
    texts.length += 2;
    scratch.textOwners.push(element.index);
  }

  /**
   * The id of the name written at [start, end), interned: found by its characters, without making
   * a string. `hash` is nameHash of its characters.
   */
  nameIdAt(start: number, end: number, hash: number): number {
    const text = this.text;
    const scratch = this.building();
    const hashes = this.nameHashes ?? [];
    let slots: Int32Array<ArrayBuffer> = scratch.nameSlots;
    let mask = slots.length - 1;
    let slot = hash & mask;
    for (let entry = slots[slot]; entry !== 0; entry = slots[slot]) {
      const id = entry - 1;
      if (hashes[id] === hash && sameName(this.names[id], text, start, end)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.names.length;
    this.names.push(text.slice(start, end));
    hashes.push(hash);
    if (2 * this.names.length > slots.length) {
      slots = this.growNameSlots(scratch, hashes);
      mask = slots.length - 1;
      for (slot = hash & mask; slots[slot] !== 0;) slot = (slot + 1) & mask;
    }
    slots[slot] = id + 1;
    scratch.usedSlots.push(slot);
    return id;
  }

  private growNameSlots(scratch: Scratch, hashes: readonly number[]): Int32Array<ArrayBuffer> {
    const slots = new Int32Array(scratch.nameSlots.length * 2);
    const mask = slots.length - 1;
    scratch.usedSlots.length = 0;
    for (let id = 0; id < this.names.length - 1; id++) {
      let slot = hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
      scratch.usedSlots.push(slot);
    }
    scratch.nameSlots = slots;
    return slots;
  }

  private building(): Scratch {
    if (!this.scratch) throw new Error('the tree is finished');
    return this.scratch;
  }

  /**
   * Once the whole text is parsed: the tree's numbers copied into one array of their exact
   * size, the texts grouped by element; the scratch lists go back for the next parse.
   */
  finish(): void {
    const scratch = this.building();
    scratch.attributeFirst.push(this.attributeCount);
    const elements = this.elementCount * elementStride;
    const attributeFirst = this.elementCount + 1;
    const attributes = this.attributeCount * attributeStride;
    const textCount = scratch.textOwners.length;
    const all = new Int32Array(elements + attributeFirst + attributes + attributeFirst + 2 * textCount);
    let at = 0;
    const section = (length: number): Int32Array => all.subarray(at, (at += length));
    this.elementData = section(elements);
    this.elementData.set(scratch.elements.data.subarray(0, elements));
    this.attributeFirst = section(attributeFirst);
    this.attributeFirst.set(scratch.attributeFirst.data.subarray(0, attributeFirst));
    this.attributeData = section(attributes);
    this.attributeData.set(scratch.attributes.data.subarray(0, attributes));
    this.textFirst = section(attributeFirst);
    this.textData = section(2 * textCount);
    this.groupTexts(scratch);
    this.scratch = undefined;
    this.nameHashes = undefined;
    if (scratch.clear() && scratchPool.length < 4) scratchPool.push(scratch);
  }

  /** A stable counting sort of the texts by element: each element's texts in document order. */
  private groupTexts(scratch: Scratch): void {
    const owners = scratch.textOwners.data;
    const count = scratch.textOwners.length;
    const source = scratch.texts.data;
    const first = this.textFirst;
    for (let t = 0; t < count; t++) first[owners[t] + 1]++;
    for (let e = 0; e < this.elementCount; e++) first[e + 1] += first[e];
    const next = scratch.cursors.zeroed(this.elementCount);
    next.set(first.subarray(0, this.elementCount));
    const read = this.textValues;
    const values = read && new Map<number, string>();
    const data = this.textData;
    for (let t = 0; t < count; t++) {
      const at = next[owners[t]]++;
      data[2 * at] = source[2 * t];
      data[2 * at + 1] = source[2 * t + 1];
      const value = read?.get(t);
      if (value !== undefined) values?.set(at, value);
    }
    this.textValues = values;
  }

  // ---------------------------------------------------------------- elements' numbers

  elementSlot(index: number, slot: number): number {
    return this.elementData[index * elementStride + slot];
  }

  setElementSlot(index: number, slot: number, value: number): void {
    this.elementData[index * elementStride + slot] = value;
  }

  firstAttribute(element: number): number {
    return this.attributeFirst[element];
  }

  /** Past the element's last attribute (before finish, only for the element added last). */
  attributesEnd(element: number): number {
    return this.scratch && element + 1 >= this.elementCount ? this.attributeCount : this.attributeFirst[element + 1];
  }

  firstText(element: number): number {
    return this.textFirst[element];
  }

  textsEnd(element: number): number {
    return this.textFirst[element + 1];
  }

  // ---------------------------------------------------------------- attributes' and texts' values

  attributesOf(element: number): XmlAttribute[] {
    const first = this.firstAttribute(element);
    const end = this.attributesEnd(element);
    if (first === end) return noAttributes;
    const last = this.#lastAttributes;
    if (last?.element === element && last.attributes.length === end - first) return last.attributes;
    const attributes: XmlAttribute[] = [];
    for (let a = first; a < end; a++) attributes.push(new ParsedAttribute(this, a));
    this.#lastAttributes = { element, attributes };
    return attributes;
  }

  textsOf(element: number): XmlText[] {
    const first = this.firstText(element);
    const end = this.textsEnd(element);
    if (first === end) return noTexts;
    const last = this.#lastTexts;
    if (last?.element === element) return last.texts;
    const texts: XmlText[] = [];
    for (let t = first; t < end; t++) texts.push(new ParsedText(this, t));
    this.#lastTexts = { element, texts };
    return texts;
  }

  attributeSlot(attribute: number, slot: number): number {
    return this.attributeData[attribute * attributeStride + slot];
  }

  attributeName(attribute: number): string {
    return this.names[this.attributeSlot(attribute, nameIdSlot)];
  }

  attributeValue(attribute: number): string | undefined {
    const start = this.attributeSlot(attribute, valueStartSlot);
    if (start < 0) return undefined;
    const read = this.attributeValues?.get(attribute);
    return read ?? this.text.slice(start, this.attributeSlot(attribute, valueEndSlot));
  }

  textStart(text: number): number {
    return this.textData[2 * text];
  }

  textEnd(text: number): number {
    return this.textData[2 * text + 1];
  }

  textValue(text: number): string {
    const read = this.textValues?.get(text);
    return read ?? this.text.slice(this.textStart(text), this.textEnd(text));
  }
}

/** An element of a ParsedTree. */
export class ParsedElement implements XmlElement {
  children: XmlElement[] = noElements;

  constructor(
    /** The store of the element's numbers, attributes and texts. */
    readonly tree: ParsedTree,
    /** The element's number in its tree, in document order. */
    readonly index: number,
    readonly name: string,
    readonly parent: ParsedElement | undefined,
  ) {}

  get start(): number {
    return this.tree.elementSlot(this.index, startSlot);
  }

  get end(): number {
    return this.tree.elementSlot(this.index, endSlot);
  }

  set end(end: number) {
    this.tree.setElementSlot(this.index, endSlot, end);
  }

  get nameRange(): TextRange {
    const start = this.tree.elementSlot(this.index, startSlot) + 1;
    return { start, end: start + this.name.length };
  }

  get startTagEnd(): number | undefined {
    const end = this.tree.elementSlot(this.index, startTagEndSlot);
    return end < 0 ? undefined : end;
  }

  set startTagEnd(end: number | undefined) {
    this.tree.setElementSlot(this.index, startTagEndSlot, end ?? -1);
  }

  get endTagStart(): number | undefined {
    const start = this.tree.elementSlot(this.index, endTagStartSlot);
    return start < 0 ? undefined : start;
  }

  set endTagStart(start: number | undefined) {
    this.tree.setElementSlot(this.index, endTagStartSlot, start ?? -1);
  }

  get selfClosing(): boolean {
    return this.tree.elementSlot(this.index, endTagStartSlot) === selfClosingMark;
  }

  /** Self-closing, or ended by its own end tag (the parser sets endTagStart only then). */
  get closed(): boolean {
    return this.tree.elementSlot(this.index, endTagStartSlot) !== -1;
  }

  /** The start tag ends with `/>`. */
  closeItself(startTagEnd: number): void {
    this.tree.setElementSlot(this.index, startTagEndSlot, startTagEnd);
    this.tree.setElementSlot(this.index, endSlot, startTagEnd);
    this.tree.setElementSlot(this.index, endTagStartSlot, selfClosingMark);
  }

  get attributes(): XmlAttribute[] {
    return this.tree.attributesOf(this.index);
  }

  get texts(): XmlText[] {
    return this.tree.textsOf(this.index);
  }

  /** The first attribute of that name (libxml2's lookup), without making the others. */
  attribute(name: string): ParsedAttribute | undefined {
    const found = this.attributeNumber(name);
    return found < 0 ? undefined : new ParsedAttribute(this.tree, found);
  }

  /** The value of the first attribute of that name, with its range; undefined for a bare name. */
  attributeValue(name: string): ParsedValue | undefined {
    const found = this.attributeNumber(name);
    return found < 0 || this.tree.attributeSlot(found, valueStartSlot) < 0 ? undefined : new ParsedValue(this.tree, found);
  }

  /** Every attribute with a value, first occurrence of each name: what rangedAttributes reads. */
  attributeValues(): Map<string, ParsedValue> {
    const values = new Map<string, ParsedValue>();
    const end = this.tree.attributesEnd(this.index);
    for (let a = this.tree.firstAttribute(this.index); a < end; a++) {
      const name = this.tree.attributeName(a);
      if (this.tree.attributeSlot(a, valueStartSlot) >= 0 && !values.has(name)) values.set(name, new ParsedValue(this.tree, a));
    }
    return values;
  }

  addChild(child: XmlElement): void {
    if (this.children === noElements) this.children = [child];
    else this.children.push(child);
  }

  /** Once the element is closed: its children at their exact number. */
  trimChildren(): void {
    if (this.children.length > 1) this.children = this.children.slice();
  }

  private attributeNumber(name: string): number {
    const end = this.tree.attributesEnd(this.index);
    for (let a = this.tree.firstAttribute(this.index); a < end; a++) if (this.tree.attributeName(a) === name) return a;
    return -1;
  }

  /** As a plain element would be written (JSON.stringify does not see getters). */
  toJSON(): XmlElement {
    const { name, nameRange, start, end, startTagEnd, endTagStart, selfClosing, closed, attributes, children, texts, parent } = this;
    return { name, nameRange, start, end, startTagEnd, endTagStart, selfClosing, closed, attributes, children, texts, parent };
  }
}

/** An attribute of a ParsedTree, made when read. */
export class ParsedAttribute implements XmlAttribute {
  constructor(
    private readonly tree: ParsedTree,
    private readonly index: number,
  ) {}

  get name(): string {
    return this.tree.attributeName(this.index);
  }

  get nameRange(): TextRange {
    const start = this.tree.attributeSlot(this.index, nameStartSlot);
    return { start, end: start + this.name.length };
  }

  get value(): string | undefined {
    return this.tree.attributeValue(this.index);
  }

  get valueRange(): TextRange | undefined {
    const start = this.tree.attributeSlot(this.index, valueStartSlot);
    return start < 0 ? undefined : { start, end: this.tree.attributeSlot(this.index, valueEndSlot) };
  }

  get quote(): '"' | "'" | undefined {
    const quote = this.tree.attributeSlot(this.index, flagsSlot) & 3;
    return quote === 1 ? '"' : quote === 2 ? "'" : undefined;
  }

  get valueClosed(): boolean {
    return (this.tree.attributeSlot(this.index, flagsSlot) & closedFlag) !== 0;
  }

  toJSON(): XmlAttribute {
    const { name, nameRange, value, valueRange, quote, valueClosed } = this;
    return { name, nameRange, value, valueRange, quote, valueClosed };
  }
}

/** An attribute's value with the range between its quotes (the model's Ranged), made when read. */
export class ParsedValue {
  constructor(
    private readonly tree: ParsedTree,
    private readonly index: number,
  ) {}

  get value(): string {
    return this.tree.attributeValue(this.index) ?? '';
  }

  get range(): TextRange {
    return { start: this.tree.attributeSlot(this.index, valueStartSlot), end: this.tree.attributeSlot(this.index, valueEndSlot) };
  }

  toJSON(): { value: string; range: TextRange } {
    return { value: this.value, range: this.range };
  }
}

/** A text of a ParsedTree, made when read. */
export class ParsedText implements XmlText {
  constructor(
    private readonly tree: ParsedTree,
    private readonly index: number,
  ) {}

  get value(): string {
    return this.tree.textValue(this.index);
  }

  get range(): TextRange {
    return { start: this.tree.textStart(this.index), end: this.tree.textEnd(this.index) };
  }

  toJSON(): XmlText {
    return { value: this.value, range: this.range };
  }
}
