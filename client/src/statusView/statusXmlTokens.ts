import { isNameStartChar } from '../../../protocol/src/xmlNames';

/**
 * Splits status XML into tokens for colouring and linking. The text comes from documents the
 * user opened, so the scanner accepts anything: every character of the input lands in exactly
 * one token (joining the tokens gives the input back), whatever state the XML is in.
 */

/** One element on the way from the root: its name and how many same-named siblings precede it. */
export interface ElementStep {
  readonly name: string;
  readonly ordinal: number;
}

export type XmlTokenKind = 'punctuation' | 'elementName' | 'attributeName' | 'equals' | 'quote' | 'attributeValue' | 'comment' | 'text' | 'whitespace';

export interface XmlToken {
  readonly kind: XmlTokenKind;
  /** Offset of the token's first character in the scanned text (UTF-16 code units). */
  readonly start: number;
  /** The raw XML text of the token (entity references as written). */
  readonly text: string;
  /** The elements from the root down to the element this token belongs to. */
  readonly path: readonly ElementStep[];
  /** For attribute names, values and their quotes: the attribute's name. */
  readonly attribute?: string;
  /** For element names: true in an end tag. */
  readonly closing?: boolean;
}

interface OpenElement {
  readonly path: readonly ElementStep[];
  readonly childCounts: Map<string, number>;
}

const namePattern = /[^\s=/<>"']+/y;
const whitespacePattern = /\s+/y;

export function tokenizeStatusXml(xml: string): XmlToken[] {
  return new StatusXmlScanner(xml).scan();
}

class StatusXmlScanner {
  private readonly tokens: XmlToken[] = [];
  private readonly open: OpenElement[] = [];
  private readonly rootCounts = new Map<string, number>();
  private at = 0;

  constructor(private readonly xml: string) {}

  scan(): XmlToken[] {
    const { xml } = this;
    while (this.at < xml.length) {
      const lt = xml.indexOf('<', this.at);
      if (lt < 0) {
        this.emit('text', xml.length);
        break;
      }
      if (lt > this.at) this.emit('text', lt);
      if (xml.startsWith('<!--', lt)) this.emitThrough('comment', '-->');
      else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) this.emitThrough('comment', '>');
      else if (xml.startsWith('</', lt)) this.endTag();
      else if (isNameStartChar(xml.charCodeAt(lt + 1))) this.startTag();
      else this.emit('text', lt + 1);
    }
    return this.tokens;
  }

  private get currentPath(): readonly ElementStep[] {
    return this.open.at(-1)?.path ?? [];
  }

  private startTag(): void {
    this.emit('punctuation', this.at + 1);
    const name = this.match(namePattern) ?? '';
    const siblings = this.open.at(-1)?.childCounts ?? this.rootCounts;
    const ordinal = siblings.get(name) ?? 0;
    siblings.set(name, ordinal + 1);
    const path = [...this.currentPath, { name, ordinal }];
    this.emit('elementName', this.at + name.length, path);
    const selfClosing = this.attributes(path);
    if (!selfClosing) this.open.push({ path, childCounts: new Map() });
  }

  /** Reads attributes up to the end of the start tag; true when the tag closed itself. */
  private attributes(path: readonly ElementStep[]): boolean {
    const { xml } = this;
    while (this.at < xml.length) {
      const whitespace = this.match(whitespacePattern);
      if (whitespace) {
        this.emit('whitespace', this.at + whitespace.length, path);
        continue;
      }
      if (xml.startsWith('/>', this.at)) {
        this.emit('punctuation', this.at + 2, path);
        return true;
      }
      if (xml.charAt(this.at) === '>') {
        this.emit('punctuation', this.at + 1, path);
        return false;
      }
      if (xml.charAt(this.at) === '<') return false; // an unterminated tag: the next one starts here
      const attribute = this.match(namePattern);
      if (!attribute) {
        this.emit('text', this.at + 1, path);
        continue;
      }
      this.emit('attributeName', this.at + attribute.length, path, attribute);
      this.attributeValue(path, attribute);
    }
    return false;
  }

  private attributeValue(path: readonly ElementStep[], attribute: string): void {
    const { xml } = this;
    const beforeEquals = this.match(whitespacePattern);
    if (xml.charAt(this.at + (beforeEquals?.length ?? 0)) !== '=') return;
    if (beforeEquals) this.emit('whitespace', this.at + beforeEquals.length, path);
    this.emit('equals', this.at + 1, path, attribute);
    const afterEquals = this.match(whitespacePattern);
    if (afterEquals) this.emit('whitespace', this.at + afterEquals.length, path);
    const quote = xml.charAt(this.at);
    if (quote === "'" || quote === '"') {
      this.emit('quote', this.at + 1, path, attribute);
      const close = xml.indexOf(quote, this.at);
      const end = close < 0 ? xml.length : close;
      if (end > this.at) this.emit('attributeValue', end, path, attribute);
      if (close >= 0) this.emit('quote', close + 1, path, attribute);
    } else {
      const unquoted = this.match(namePattern);
      if (unquoted) this.emit('attributeValue', this.at + unquoted.length, path, attribute);
    }
  }

  private endTag(): void {
    this.emit('punctuation', this.at + 2);
    const name = this.match(namePattern) ?? '';
    const matching = this.innermostOpen(name);
    const path = matching >= 0 ? this.open[matching].path : [...this.currentPath, { name, ordinal: 0 }];
    if (name) this.emit('elementName', this.at + name.length, path, undefined, true);
    if (matching >= 0) this.open.length = matching;
    const whitespace = this.match(whitespacePattern);
    if (whitespace) this.emit('whitespace', this.at + whitespace.length);
    if (this.xml.charAt(this.at) === '>') this.emit('punctuation', this.at + 1);
  }

  private innermostOpen(name: string): number {
    for (let at = this.open.length - 1; at >= 0; at--) if (this.open[at].path.at(-1)?.name === name) return at;
    return -1;
  }

  private emitThrough(kind: XmlTokenKind, terminator: string): void {
    const close = this.xml.indexOf(terminator, this.at + 2);
    this.emit(kind, close < 0 ? this.xml.length : close + terminator.length);
  }

  private emit(kind: XmlTokenKind, end: number, path = this.currentPath, attribute?: string, closing?: boolean): void {
    const start = this.at;
    const text = this.xml.slice(start, end);
    this.at = end;
    const token: XmlToken = { kind, start, text, path, ...(attribute !== undefined ? { attribute } : {}), ...(closing ? { closing } : {}) };
    this.tokens.push(token);
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    return pattern.exec(this.xml)?.[0];
  }
}
