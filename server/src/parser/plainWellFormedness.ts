/**
 * A quick yes for the common case: true only when the text is plain XML that fast-xml-parser's
 * validator (XMLValidator.validate, what checkWellFormedness asks) accepts for certain, so that
 * the validator need not run. Plain means: an optional `<?xml …?>` declaration at the very start,
 * one root element, comments, ASCII names, quoted attribute values without '<' and no repeated
 * attribute, text whose '&' starts one of the five predefined entities or a character reference.
 * Anything else (DOCTYPE, CDATA, other processing instructions, non-ASCII names, any error)
 * answers false and the validator decides, so every finding stays as the validator makes it.
 *
 * Why each accepted form passes the validator (fast-xml-parser 5, src/validator.js): it skips
 * whitespace (space, tab, CR, LF) outside the root; reads a declaration at offset 0 as a
 * processing instruction; skips a comment to its `-->`; reads a tag name up to whitespace or
 * '>' (dropping a trailing '/') and checks it with isName, which takes [A-Za-z_:][A-Za-z0-9_:.-]*;
 * reads attributes up to the '>' outside quotes and wants whitespace before each, '=' and a quoted
 * value, a valid name and no repeat; matches each end tag with the open one; takes `&name;` and
 * `&#digits;` / `&#xhex;` in text; refuses text after the root and a second root.
 * The property is tested on mutated documents (plainWellFormedness.test.ts).
 */
export function isPlainlyWellFormed(text: string): boolean {
  return new PlainScan(text).document();
}

const space = 0x20;
const tab = 0x09;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const lessThan = 0x3c;
const greaterThan = 0x3e;
const slash = 0x2f;
const equals = 0x3d;
const semicolon = 0x3b;
const singleQuote = 0x27;
const doubleQuote = 0x22;
const question = 0x3f;
const hyphen = 0x2d;
const hash = 0x23;
const lowerX = 0x78;
const byteOrderMark = 0xfeff;

const isSpace = (c: number) => c === space || c === lineFeed || c === tab || c === carriageReturn;
const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isNameStart = (c: number) => isLetter(c) || c === 0x5f || c === 0x3a;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c) || c === hyphen || c === 0x2e;

/** The entities XML predefines: any other needs a DTD, which is not plain. */
const predefinedEntities = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Attributes in one tag beyond which their names are looked up in a set rather than compared in place. */
const manyAttributes = 16;

class PlainScan {
  private at = 0;
  /** The start and end offsets of the open elements' names, innermost last. */
  private readonly open: number[] = [];
  /** The start and end offsets of the attribute names of the tag being read. */
  private readonly attributeNames: number[] = [];
  /** The same names as strings once a tag has many attributes: compared one by one, n attributes would cost n² steps. */
  private manyAttributeNames: Set<string> | undefined;
  private nextAmpersand = -1;

  constructor(private readonly text: string) {}

  /** declaration? misc* element misc* */
  document(): boolean {
    if (this.code(0) === byteOrderMark) this.at = 1;
    if (this.text.startsWith('<?xml', this.at) && !this.declaration()) return false;
    if (!this.misc()) return false;
    if (this.code(this.at) !== lessThan || !this.element()) return false;
    return this.misc() && this.at === this.text.length;
  }

  /** `<?xml` whitespace, then anything but '<' and '?', then `?>`. */
  private declaration(): boolean {
    this.at += 5;
    if (!isSpace(this.code(this.at))) return false;
    const end = this.text.indexOf('?>', this.at);
    if (end < 0) return false;
    for (let i = this.at; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === lessThan || c === question) return false;
    }
    this.at = end + 2;
    return true;
  }

  /** Whitespace and comments outside the root. */
  private misc(): boolean {
    for (;;) {
      while (isSpace(this.code(this.at))) this.at++;
      if (!this.text.startsWith('<!--', this.at)) return true;
      if (!this.comment()) return false;
    }
  }

  /** `<!--` … `-->` with no `--` inside. */
  private comment(): boolean {
    const end = this.text.indexOf('--', this.at + 4);
    if (end < 0 || this.code(end + 2) !== greaterThan) return false;
    this.at = end + 3;
    return true;
  }

  /** The root and everything in it, iteratively (depth is the document's, not the stack's). */
  private element(): boolean {
    if (!this.startTag()) return false;
    while (this.open.length > 0) {
      if (!this.content()) return false;
      if (this.code(this.at + 1) === slash) {
        if (!this.endTag()) return false;
      } else if (this.text.startsWith('<!--', this.at)) {
        if (!this.comment()) return false;
      } else if (!this.startTag()) return false;
    }
    return true;
  }

  /** Character data up to the next '<': '&' only as a predefined entity or a character reference. */
  private content(): boolean {
    const less = this.text.indexOf('<', this.at);
    if (less < 0) return false;
    // The next '&' is searched once per '&', not once per text: most documents have none.
    if (this.nextAmpersand < this.at) this.nextAmpersand = this.indexOrEnd('&', this.at);
    while (this.nextAmpersand < less) {
      const end = this.reference(this.nextAmpersand);
      if (end < 0) return false;
      this.nextAmpersand = this.indexOrEnd('&', end);
    }
    this.at = less;
    return true;
  }

  private indexOrEnd(searched: string, from: number): number {
    const found = this.text.indexOf(searched, from);
    return found < 0 ? this.text.length : found;
  }

  /** The offset after a reference at `amp`, or -1 when it is not a plain one. */
  private reference(amp: number): number {
    const { text } = this;
    let i = amp + 1;
    if (this.code(i) === hash) {
      i++;
      const hex = this.code(i) === lowerX;
      if (hex) i++;
      const digitsStart = i;
      while (hex ? isHexDigit(this.code(i)) : isDigit(this.code(i))) i++;
      return i > digitsStart && i - digitsStart <= 8 && this.code(i) === semicolon ? i + 1 : -1;
    }
    const nameStart = i;
    while (isLetter(this.code(i))) i++;
    return this.code(i) === semicolon && predefinedEntities.has(text.slice(nameStart, i)) ? i + 1 : -1;
  }

  /** `<name (space name space? = space? 'value')* space? (/>|>)`; an opened element goes on the stack. */
  private startTag(): boolean {
    const nameStart = ++this.at;
    const nameEnd = this.name();
    if (nameEnd < 0) return false;
    this.attributeNames.length = 0;
    this.manyAttributeNames = undefined;
    for (;;) {
      const spaced = isSpace(this.code(this.at));
      while (isSpace(this.code(this.at))) this.at++;
      const c = this.code(this.at);
      if (c === greaterThan) {
        this.at++;
        this.open.push(nameStart, nameEnd);
        return true;
      }
      if (c === slash) {
        if (this.code(this.at + 1) !== greaterThan) return false;
        this.at += 2;
        return true;
      }
      if (!spaced || !this.attribute()) return false;
    }
  }

  /** One `name = 'value'`, its name not seen before in the tag. */
  private attribute(): boolean {
    const nameStart = this.at;
    const nameEnd = this.name();
    if (nameEnd < 0 || this.seenInTag(nameStart, nameEnd)) return false;
    while (isSpace(this.code(this.at))) this.at++;
    if (this.code(this.at) !== equals) return false;
    this.at++;
    while (isSpace(this.code(this.at))) this.at++;
    const quote = this.code(this.at);
    if (quote !== singleQuote && quote !== doubleQuote) return false;
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === quote) {
        this.at = i + 1;
        return true;
      }
      if (c === lessThan) return false;
    }
    return false;
  }

  /** Whether the tag being read has an attribute of the name at [start, end) already; notes it if not. */
  private seenInTag(start: number, end: number): boolean {
    const names = this.attributeNames;
    if (this.manyAttributeNames) {
      const name = this.text.slice(start, end);
      return this.manyAttributeNames.has(name) || !this.manyAttributeNames.add(name);
    }
    for (let k = 0; k < names.length; k += 2) if (this.sameName(names[k], names[k + 1], start, end)) return true;
    names.push(start, end);
    if (names.length > 2 * manyAttributes) {
      this.manyAttributeNames = new Set();
      for (let k = 0; k < names.length; k += 2) this.manyAttributeNames.add(this.text.slice(names[k], names[k + 1]));
    }
    return false;
  }

  /** `</name space?>` closing the innermost open element. */
  private endTag(): boolean {
    const nameStart = (this.at += 2);
    const nameEnd = this.name();
    const openEnd = this.open.pop();
    const openStart = this.open.pop();
    if (nameEnd < 0 || openStart === undefined || openEnd === undefined || !this.sameName(openStart, openEnd, nameStart, nameEnd)) return false;
    while (isSpace(this.code(this.at))) this.at++;
    if (this.code(this.at) !== greaterThan) return false;
    this.at++;
    return true;
  }

  /** Whether the names at [a, aEnd) and [b, bEnd) are the same (compared in place: nothing is allocated). */
  private sameName(a: number, aEnd: number, b: number, bEnd: number): boolean {
    if (aEnd - a !== bEnd - b) return false;
    for (let i = 0; i < aEnd - a; i++) if (this.text.charCodeAt(a + i) !== this.text.charCodeAt(b + i)) return false;
    return true;
  }

  /** Reads an ASCII XML name at the cursor: the offset just past it, or -1 when there is none. */
  private name(): number {
    const start = this.at;
    if (!isNameStart(this.code(start))) return -1;
    let i = start + 1;
    while (isNameChar(this.code(i))) i++;
    this.at = i;
    return i;
  }

  /** The code unit at an offset; NaN past the end, which no test above accepts. */
  private code(offset: number): number {
    return this.text.charCodeAt(offset);
  }
}
