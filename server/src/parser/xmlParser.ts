import { endsName, isXmlWhitespace } from '../../../protocol/src/xmlNames';
import { NextOccurrence } from './nextOccurrence';
import type { SlicedWork } from '../util/slicedWork';
import { readInternalSubset } from './internalSubset';
import { ValueReader } from './valueReader';
import { nextNameHash, ParsedTree, type ParsedElement } from './parsedTree';
import type { TextRange, XmlDocument, XmlElement, XmlRecovery } from './xmlTree';

/**
 * A tolerant, single-pass XML parser that builds the positioned tree.
 *
 * It never throws: a document in the middle of an edit (`<source network='my`, an unclosed tag, a
 * stray `<`) still yields every element that can be recognised, so completion and the index keep
 * working. Well-formedness is judged separately (see wellFormedness.ts); here broken input only
 * leaves `recoveries` behind. The loop is iterative, so deeply nested input cannot exhaust the
 * stack. Values are read as libxml2 reads them for libvirt (valueReader.ts): the internal DTD
 * subset's entities are expanded, within a budget; nothing external is ever read.
 */
export function parseXml(text: string): XmlDocument {
  const parser = new Parser(text);
  parser.advance(text.length);
  return parser.finish();
}

/** parseXml in slices of about `sliceLength` characters (see SlicedWork): the same tree, in steps. */
export function* parseXmlInSlices(text: string, sliceLength: number): SlicedWork<XmlDocument> {
  const parser = new Parser(text);
  for (let limit = sliceLength; parser.advance(limit); limit += sliceLength) yield;
  return parser.finish();
}

const enum Code {
  CarriageReturn = 13,
  Bang = 33,
  DoubleQuote = 34,
  SingleQuote = 39,
  Slash = 47,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
  Question = 63,
}

/** A tag or attribute starts with any character that does not end a name, except the `!` and `?` of declarations. */
function startsName(code: number): boolean {
  return !endsName(code) && code !== Code.Bang && code !== Code.Question;
}

class Parser {
  private pos = 0;
  private readonly roots: XmlElement[] = [];
  private readonly recoveries: XmlRecovery[] = [];
  private readonly open: ParsedElement[] = [];
  private readonly tree: ParsedTree;
  /** How many open elements have each name: an end tag no open element matches is known at once. */
  private readonly openNames = new Map<string, number>();
  // Every search for a single character goes through these: see NextOccurrence for why.
  private readonly nextLessThan: NextOccurrence;
  private readonly nextGreaterThan: NextOccurrence;
  private readonly nextSingleQuote: NextOccurrence;
  private readonly nextDoubleQuote: NextOccurrence;
  private readonly nextNewline: NextOccurrence;
  private readonly nextAmpersand: NextOccurrence;
  private readonly nextCarriageReturn: NextOccurrence;
  private readonly nextTab: NextOccurrence;
  /** The hash of the name scanName read last. */
  private nameHash = 0;
  /** Replaced once the DOCTYPE's internal subset is known. */
  private values = new ValueReader();

  constructor(private readonly text: string) {
    this.nextLessThan = new NextOccurrence(text, '<');
    this.nextGreaterThan = new NextOccurrence(text, '>');
    this.nextSingleQuote = new NextOccurrence(text, "'");
    this.nextDoubleQuote = new NextOccurrence(text, '"');
    this.nextNewline = new NextOccurrence(text, '\n');
    this.nextAmpersand = new NextOccurrence(text, '&');
    this.nextCarriageReturn = new NextOccurrence(text, '\r');
    this.nextTab = new NextOccurrence(text, '\t');
    this.tree = new ParsedTree(text);
  }

  /**
   * Parses until the position reaches `limit` (the markup under way is finished past it); says
   * whether text is left. The loop keeps no state of its own: a parse may stop and go on here.
   */
  advance(limit: number): boolean {
    const text = this.text;
    const stop = Math.min(limit, text.length);
    while (this.pos < stop) {
      const lt = this.nextLessThan.from(this.pos);
      if (lt < 0) {
        this.addText(this.pos, text.length);
        this.pos = text.length;
        break;
      }
      if (lt > this.pos) this.addText(this.pos, lt);
      this.pos = lt;
      this.parseMarkup();
    }
    return this.pos < text.length;
  }

  /** The tree, once the whole text is parsed: elements still open are closed at the end. */
  finish(): XmlDocument {
    const text = this.text;
    for (const element of this.open) {
      element.end = text.length;
      element.trimChildren();
      this.recover(`<${element.name}> is never closed`, element.nameRange);
    }
    this.open.length = 0;
    this.tree.finish();
    return { text, roots: this.roots, recoveries: this.recoveries, entityErrors: this.values.problems };
  }

  private parseMarkup(): void {
    const text = this.text;
    const next = text.charCodeAt(this.pos + 1);
    if (text.startsWith('<!--', this.pos)) {
      this.pos = this.skipPast('-->', this.pos + 4, 'comment');
    } else if (text.startsWith('<![CDATA[', this.pos)) {
      const contentStart = this.pos + 9;
      const close = text.indexOf(']]>', contentStart);
      const contentEnd = close < 0 ? text.length : close;
      this.addCdata(contentStart, contentEnd);
      if (close < 0) this.recover('CDATA section is never closed', { start: this.pos, end: contentStart });
      this.pos = close < 0 ? text.length : close + 3;
    } else if (next === Code.Bang) {
      const start = this.pos;
      this.pos = this.skipDeclaration(this.pos + 2);
      if (this.roots.length === 0 && text.startsWith('<!DOCTYPE', start)) this.readDoctype(start, this.pos);
    } else if (next === Code.Question) {
      this.pos = this.skipPast('?>', this.pos + 2, 'processing instruction');
    } else if (next === Code.Slash) {
      this.parseEndTag();
    } else if (startsName(next)) {
      this.parseStartTag();
    } else {
      this.recover("'<' does not start a tag here", { start: this.pos, end: this.pos + 1 });
      this.addText(this.pos, this.pos + 1);
      this.pos += 1;
    }
  }

  /**
   * The DOCTYPE's internal subset decides how values read. Entity expansion may produce at most
   * ten times the document's length (plus a little for small files): libxml2's own bound is of
   * that order (XML_PARSER_NON_LINEAR in xmlParserEntityCheck).
   */
  private readDoctype(start: number, end: number): void {
    this.values = new ValueReader(readInternalSubset(this.text.slice(start, end)), 10 * this.text.length + 10_000);
  }

  private parseStartTag(): void {
    const text = this.text;
    const start = this.pos;
    const nameStart = start + 1;
    const nameEnd = this.scanName(nameStart);
    const parent = this.open[this.open.length - 1];
    const element = this.tree.addElement(nameStart, nameEnd, this.nameHash, parent);
    if (parent) parent.addChild(element);
    else this.roots.push(element);
    this.pos = nameEnd;
    this.parseAttributes(element);

    const code = text.charCodeAt(this.pos);
    if (code === Code.GreaterThan) {
      this.pos += 1;
      element.startTagEnd = this.pos;
      element.end = this.pos;
      this.pushOpen(element);
    } else if (code === Code.Slash && text.charCodeAt(this.pos + 1) === Code.GreaterThan) {
      this.pos += 2;
      element.closeItself(this.pos);
    } else {
      // Unterminated start tag (`<source network='my` then a newline and the next tag): keep the
      // element open so that what follows still nests as the author most likely means.
      element.end = this.pos;
      this.recover(`start tag <${element.name}> is not terminated`, element.nameRange);
      this.pushOpen(element);
    }
  }

  private parseAttributes(element: ParsedElement): void {
    const text = this.text;
    for (;;) {
      this.skipWhitespace();
      const code = text.charCodeAt(this.pos);
      if (Number.isNaN(code) || code === Code.GreaterThan || code === Code.LessThan) return;
      if (code === Code.Slash) {
        if (text.charCodeAt(this.pos + 1) === Code.GreaterThan) return;
        this.recover("unexpected '/' in a start tag", { start: this.pos, end: this.pos + 1 });
        this.pos += 1;
        continue;
      }
      if (!startsName(code)) {
        this.recover('unexpected character in a start tag', { start: this.pos, end: this.pos + 1 });
        this.pos += 1;
        continue;
      }
      this.parseAttribute(element.name);
    }
  }

  /** Reads one attribute into the tree. */
  private parseAttribute(elementName: string): void {
    const text = this.text;
    const nameStart = this.pos;
    const nameEnd = this.scanName(nameStart);
    const nameId = this.tree.nameIdAt(nameStart, nameEnd, this.nameHash);
    const name = this.tree.names[nameId];
    this.pos = nameEnd;
    const afterName = this.pos;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== Code.Equals) {
      this.pos = afterName;
      this.tree.addAttribute(nameStart, nameId, -1, -1, undefined, false, undefined);
      return;
    }
    this.pos += 1;
    this.skipWhitespace();
    const quoteCode = text.charCodeAt(this.pos);
    if (quoteCode !== Code.DoubleQuote && quoteCode !== Code.SingleQuote) {
      // Unquoted value: take it up to the next delimiter so the tag can go on.
      const valueStart = this.pos;
      const valueEnd = this.scanName(valueStart);
      this.pos = valueEnd;
      this.recover(`the value of '${name}' must be quoted`, { start: nameStart, end: nameEnd });
      const value = this.readAttributeValue(valueStart, valueEnd, elementName, name);
      this.tree.addAttribute(nameStart, nameId, valueStart, valueEnd, undefined, false, value);
      return;
    }
    const quote = quoteCode === Code.DoubleQuote ? '"' : "'";
    const valueStart = this.pos + 1;
    const close = (quote === '"' ? this.nextDoubleQuote : this.nextSingleQuote).from(valueStart);
    // '<' cannot occur in an attribute value, so it marks where a half-typed value ends.
    const lt = this.nextLessThan.from(valueStart);
    let valueEnd: number;
    let valueClosed: boolean;
    if (close >= 0 && (lt < 0 || close < lt)) {
      valueEnd = close;
      valueClosed = true;
      this.pos = close + 1;
    } else {
      valueEnd = lt >= 0 ? lt : text.length;
      valueEnd = this.trimTrailingLine(valueStart, valueEnd);
      valueClosed = false;
      this.pos = valueEnd;
      this.recover(`the value of '${name}' has no closing quote`, { start: nameStart, end: nameEnd });
    }
    const value = this.readAttributeValue(valueStart, valueEnd, elementName, name);
    this.tree.addAttribute(nameStart, nameId, valueStart, valueEnd, quote, valueClosed, value);
  }

  /**
   * The value as libxml2 reads it, when that differs from the text written between the quotes
   * (a reference, a tab or line end, a DTD-declared tokenized attribute); undefined otherwise.
   */
  private readAttributeValue(valueStart: number, valueEnd: number, elementName: string, name: string): string | undefined {
    const text = this.text;
    const within = (next: NextOccurrence) => {
      const at = next.from(valueStart);
      return at >= 0 && at < valueEnd;
    };
    const plain = !within(this.nextAmpersand) && !within(this.nextNewline) && !within(this.nextCarriageReturn) && !within(this.nextTab);
    if (plain && !this.values.collapses(elementName, name)) return undefined;
    const raw = text.slice(valueStart, valueEnd);
    const value = this.values.attributeValue(raw, { start: valueStart, end: valueEnd }, elementName, name);
    return value === raw ? undefined : value;
  }

  /**
   * An unclosed value runs to the next '<'; when that lies on a later line, the value most likely
   * ends at the end of its own line (the author is typing there).
   */
  private trimTrailingLine(valueStart: number, valueEnd: number): number {
    const newline = this.nextNewline.from(valueStart);
    if (newline >= 0 && newline < valueEnd) {
      const cr = this.text.charCodeAt(newline - 1) === Code.CarriageReturn ? newline - 1 : newline;
      return Math.max(valueStart, cr);
    }
    return valueEnd;
  }

  private parseEndTag(): void {
    const text = this.text;
    const tagStart = this.pos;
    const nameStart = tagStart + 2;
    const nameEnd = this.scanName(nameStart);
    const name = text.slice(nameStart, nameEnd);
    const gt = this.nextGreaterThan.from(nameEnd);
    const lt = this.nextLessThan.from(nameEnd);
    const terminated = gt >= 0 && (lt < 0 || gt < lt);
    const tagEnd = terminated ? gt + 1 : lt >= 0 ? lt : text.length;
    if (!terminated) this.recover(`end tag </${name}> is not terminated`, { start: tagStart, end: tagEnd });
    this.pos = tagEnd;

    let match = -1;
    // Without the count, every stray end tag would scan the whole stack (quadratic on hostile input).
    for (let i = this.openNames.get(name) ? this.open.length - 1 : -1; i >= 0; i--) {
      if (this.open[i].name === name) {
        match = i;
        break;
      }
    }
    if (match < 0) {
      this.recover(`end tag </${name}> has no matching start tag`, { start: tagStart, end: tagEnd });
      return;
    }
    // Elements opened after the match were left unclosed; they end where this end tag begins.
    for (let i = this.open.length - 1; i > match; i--) {
      const unclosed = this.open[i];
      unclosed.end = tagStart;
      unclosed.trimChildren();
      this.recover(`<${unclosed.name}> is not closed before </${name}>`, unclosed.nameRange);
    }
    const element = this.open[match];
    element.endTagStart = tagStart;
    element.end = tagEnd;
    element.trimChildren();
    for (let i = match; i < this.open.length; i++) {
      const openName = this.open[i].name;
      this.openNames.set(openName, (this.openNames.get(openName) ?? 1) - 1);
    }
    this.open.length = match;
  }

  private pushOpen(element: ParsedElement): void {
    this.open.push(element);
    this.openNames.set(element.name, (this.openNames.get(element.name) ?? 0) + 1);
  }

  private addText(start: number, end: number): void {
    const parent = this.open[this.open.length - 1];
    if (!parent) return; // text outside the root: whitespace, or junk reported by the validator
    let value: string | undefined;
    const amp = this.nextAmpersand.from(start);
    const cr = this.nextCarriageReturn.from(start);
    if ((amp >= 0 && amp < end) || (cr >= 0 && cr < end)) {
      const raw = this.text.slice(start, end);
      const read = this.values.text(raw, { start, end });
      if (read !== raw) value = read;
    }
    this.tree.addText(parent, start, end, value);
  }

  private addCdata(start: number, end: number): void {
    const parent = this.open[this.open.length - 1];
    if (!parent) return;
    const cr = this.nextCarriageReturn.from(start);
    this.tree.addText(parent, start, end, cr >= 0 && cr < end ? this.values.cdata(this.text.slice(start, end)) : undefined);
  }

  /** Past the name at `from`; its hash (see nextNameHash) is left in nameHash. */
  private scanName(from: number): number {
    const text = this.text;
    let i = from;
    let hash = 0;
    for (let code = text.charCodeAt(i); i < text.length && !endsName(code); code = text.charCodeAt(++i)) hash = nextNameHash(hash, code);
    this.nameHash = hash;
    return i;
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.pos < text.length && isXmlWhitespace(text.charCodeAt(this.pos))) this.pos++;
  }

  private skipPast(terminator: string, from: number, what: string): number {
    const at = this.text.indexOf(terminator, from);
    if (at < 0) {
      this.recover(`${what} is never closed`, { start: this.pos, end: Math.min(this.text.length, from) });
      return this.text.length;
    }
    return at + terminator.length;
  }

  /** `<!DOCTYPE …>` and friends; an internal subset in brackets may itself contain '>'. */
  private skipDeclaration(from: number): number {
    const text = this.text;
    let depth = 0;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === '[') depth++;
      else if (c === ']') depth = Math.max(0, depth - 1);
      else if (c === '>' && depth === 0) return i + 1;
    }
    this.recover('declaration is never closed', { start: this.pos, end: from });
    return text.length;
  }

  private recover(message: string, range: TextRange): void {
    // A hostile file could produce one recovery per character; a few hundred say enough.
    if (this.recoveries.length < 500) this.recoveries.push({ message, range });
  }
}
