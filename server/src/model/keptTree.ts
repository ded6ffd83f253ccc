import type { XmlAttribute, XmlElement, XmlText } from '../parser/xmlTree';
import type { TextRange } from '../parser/xmlTree';
import type { Ranged } from './libvirtModel';

/*
 * The index's copy of a closed file (keptModel.ts) is made of these: the same interfaces as the
 * parser's tree and the readers' values, with each range held as two numbers of the object
 * itself and made on demand, instead of an object of its own. A range object costs 40 bytes, as
 * much as the value holding it; a closed file's copy had about four of them for each attribute
 * (issue 19: 70,000 of 143,000 objects of a 1,000-file index). Ranges are values: nothing
 * compares them by identity, so a new one per read is the same answer.
 */

/** An attribute of a closed file's kept tree. */
export class KeptAttribute implements XmlAttribute {
  private readonly nameStart: number;
  private readonly nameEnd: number;
  /** -1: no value (a bare name). */
  private readonly valueStart: number;
  private readonly valueEnd: number;

  constructor(
    readonly name: string,
    nameRange: TextRange,
    readonly value: string | undefined,
    valueRange: TextRange | undefined,
    readonly quote: '"' | "'" | undefined,
    readonly valueClosed: boolean,
  ) {
    this.nameStart = nameRange.start;
    this.nameEnd = nameRange.end;
    this.valueStart = valueRange ? valueRange.start : -1;
    this.valueEnd = valueRange ? valueRange.end : -1;
  }

  get nameRange(): TextRange {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get valueRange(): TextRange | undefined {
    return this.valueStart < 0 ? undefined : { start: this.valueStart, end: this.valueEnd };
  }

  /** As the parser's attribute would be written (JSON.stringify does not see getters). */
  toJSON(): XmlAttribute {
    const { name, nameRange, value, valueRange, quote, valueClosed } = this;
    return { name, nameRange, value, valueRange, quote, valueClosed };
  }
}

/**
 * A value of a closed file's kept model, or a text of its kept tree: both are a string with the
 * range it was written at.
 */
export class KeptRanged implements Ranged, XmlText {
  private readonly start: number;
  private readonly end: number;

  constructor(
    readonly value: string,
    range: TextRange,
  ) {
    this.start = range.start;
    this.end = range.end;
  }

  get range(): TextRange {
    return { start: this.start, end: this.end };
  }

  toJSON(): Ranged {
    return { value: this.value, range: this.range };
  }
}

/** An element of a closed file's kept tree; its children are set once they are copied. */
export class KeptElement implements XmlElement {
  private readonly nameStart: number;
  private readonly nameEnd: number;
  children: XmlElement[];

  constructor(
    readonly name: string,
    nameRange: TextRange,
    readonly start: number,
    public end: number,
    public startTagEnd: number | undefined,
    public endTagStart: number | undefined,
    public selfClosing: boolean,
    public closed: boolean,
    readonly attributes: XmlAttribute[],
    readonly texts: XmlText[],
    readonly parent: XmlElement | undefined,
    noChildren: XmlElement[],
  ) {
    this.nameStart = nameRange.start;
    this.nameEnd = nameRange.end;
    this.children = noChildren;
  }

  get nameRange(): TextRange {
    return { start: this.nameStart, end: this.nameEnd };
  }

  toJSON(): XmlElement {
    const { name, nameRange, start, end, startTagEnd, endTagStart, selfClosing, closed, attributes, children, texts, parent } = this;
    return { name, nameRange, start, end, startTagEnd, endTagStart, selfClosing, closed, attributes, children, texts, parent };
  }
}

/**
 * One shared, frozen empty array for every empty list kept (most elements have no children, many
 * no attributes or texts; most interfaces no tags): an array object each costs more than the
 * element's own fields. Frozen, so a stray push throws instead of growing them all.
 */
export const noItems: readonly never[] = Object.freeze([]);

/** noItems, as the tree's types (mutable arrays) have it: being frozen, it cannot be grown all the same. */
export function noList<T>(): T[] {
  return noItems as unknown as T[];
}
