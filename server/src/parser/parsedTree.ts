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
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** The list at its exact length, for good. */
  trim(): void {
    if (this.data.length !== this.length) this.data = this.data.slice(0, this.length);
  }

  private grow(): void {
    const data = new Int32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }
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
  private nameIds: Map<string, number> | undefined = new Map();
  private readonly elementData: IntList;
  /** Element n's attributes are attributeFirst[n] up to attributeFirst[n + 1]. */
  private readonly attributeFirst: IntList;
  private readonly attributeData: IntList;
  /** Values that differ from the text between their quotes, by attribute number. */
  private readonly attributeValues = new Map<number, string>();
  /** Each text's start and end; grouped by element once the parse is finished. */
  private textData: IntList;
  /** While parsing: each text's element. Once finished: element n's texts are textFirst[n] up to textFirst[n + 1]. */
  private textIndex: IntList;
  /** Texts whose value differs from their source text, by text number. */
  private textValues = new Map<number, string>();
  private elementCount = 0;
  /**
   * The attributes and texts made last, and whose they are: a loop that reads
   * `element.attributes[i]` gets one array, not one per turn (150,000 attributes would make it
   * quadratic). Private fields: not part of what the tree is (deepEqual does not see them).
   */
  #lastAttributes: { readonly element: number; readonly attributes: XmlAttribute[] } | undefined;
  #lastTexts: { readonly element: number; readonly texts: XmlText[] } | undefined;

  constructor(readonly text: string) {
    // About one element per 40 characters of a libvirt file; the lists grow as needed.
    const elements = (text.length >> 6) + 16;
    this.elementData = new IntList(elements * elementStride);
    this.attributeFirst = new IntList(elements);
    this.attributeData = new IntList(elements * attributeStride);
    this.textData = new IntList(elements * 2);
    this.textIndex = new IntList(elements);
  }

  /** The one string for this name in the tree. */
  intern(name: string): string {
    return this.names[this.nameId(name)];
  }

  addElement(nameStart: number, nameEnd: number, parent: ParsedElement | undefined): ParsedElement {
    const id = this.nameId(this.text.slice(nameStart, nameEnd));
    const element = new ParsedElement(this, this.elementCount++, this.names[id], parent);
    const data = this.elementData;
    data.push(nameStart - 1);
    data.push(nameEnd);
    data.push(-1);
    data.push(-1);
    this.attributeFirst.push(this.attributeData.length / attributeStride);
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
    const data = this.attributeData;
    if (value !== undefined) this.attributeValues.set(data.length / attributeStride, value);
    data.push(nameStart);
    data.push(nameId);
    data.push(valueStart);
    data.push(valueEnd);
    data.push((quote === '"' ? 1 : quote === "'" ? 2 : 0) | (closed ? closedFlag : 0));
  }

  /** Adds a text to an element; `value` only when reading changed the written text. */
  addText(element: ParsedElement, start: number, end: number, value: string | undefined): void {
    if (value !== undefined) this.textValues.set(this.textIndex.length, value);
    this.textData.push(start);
    this.textData.push(end);
    this.textIndex.push(element.index);
  }

  nameId(name: string): number {
    const ids = this.nameIds ?? (this.nameIds = new Map(this.names.map((known, id) => [known, id])));
    let id = ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      ids.set(name, id);
    }
    return id;
  }

  /** Once the whole text is parsed: the lists at their exact length, the texts grouped by element. */
  finish(): void {
    this.attributeFirst.push(this.attributeData.length / attributeStride);
    this.elementData.trim();
    this.attributeFirst.trim();
    this.attributeData.trim();
    this.groupTexts();
    this.nameIds = undefined;
  }

  /** A stable counting sort of the texts by element: each element's texts in document order. */
  private groupTexts(): void {
    const owners = this.textIndex.data;
    const count = this.textIndex.length;
    const first = new IntList(this.elementCount + 1);
    first.length = this.elementCount + 1;
    const starts = first.data;
    for (let t = 0; t < count; t++) starts[owners[t] + 1]++;
    for (let e = 0; e < this.elementCount; e++) starts[e + 1] += starts[e];
    const next = starts.slice(0, this.elementCount);
    const data = new IntList(count * 2);
    data.length = count * 2;
    const values = new Map<number, string>();
    for (let t = 0; t < count; t++) {
      const at = next[owners[t]]++;
      data.data[2 * at] = this.textData.data[2 * t];
      data.data[2 * at + 1] = this.textData.data[2 * t + 1];
      const value = this.textValues.size > 0 ? this.textValues.get(t) : undefined;
      if (value !== undefined) values.set(at, value);
    }
    first.trim();
    this.textIndex = first;
    this.textData = data;
    this.textValues = values;
  }

  // ---------------------------------------------------------------- elements' numbers

  elementSlot(index: number, slot: number): number {
    return this.elementData.data[index * elementStride + slot];
  }

  setElementSlot(index: number, slot: number, value: number): void {
    this.elementData.data[index * elementStride + slot] = value;
  }

  firstAttribute(element: number): number {
    return this.attributeFirst.data[element];
  }

  /** Past the element's last attribute (before finish, only for the element added last). */
  attributesEnd(element: number): number {
    return element + 1 < this.attributeFirst.length ? this.attributeFirst.data[element + 1] : this.attributeData.length / attributeStride;
  }

  firstText(element: number): number {
    return this.textIndex.data[element];
  }

  textsEnd(element: number): number {
    return this.textIndex.data[element + 1];
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
    return this.attributeData.data[attribute * attributeStride + slot];
  }

  attributeName(attribute: number): string {
    return this.names[this.attributeSlot(attribute, nameIdSlot)];
  }

  attributeValue(attribute: number): string | undefined {
    const start = this.attributeSlot(attribute, valueStartSlot);
    if (start < 0) return undefined;
    const read = this.attributeValues.size > 0 ? this.attributeValues.get(attribute) : undefined;
    return read ?? this.text.slice(start, this.attributeSlot(attribute, valueEndSlot));
  }

  textStart(text: number): number {
    return this.textData.data[2 * text];
  }

  textEnd(text: number): number {
    return this.textData.data[2 * text + 1];
  }

  textValue(text: number): string {
    const read = this.textValues.size > 0 ? this.textValues.get(text) : undefined;
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
