/**
 * The one definition of XML name characters, for the server (parser, completion, schema datatypes)
 * and the client (the status panel's tokenizer) alike (XML 1.0 fifth edition, §2.3 "Common Syntactic
 * Constructs"), on UTF-16 code units as LSP documents count them.
 *
 * Two questions use it:
 * - whether a name is a proper XML Name (`isNameStartChar`, `xmlNamePattern`, `isXmlName`, `isNCName`), and
 * - where a name ends while reading half-typed input (`endsName`). The tolerant parser reads a
 *   name up to the next delimiter, so `<interfase`, `<a$b` or a name in another alphabet is still
 *   one token the author can complete, hover or be told about; only whitespace and the characters
 *   that delimit markup end it.
 */

const enum Code {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  SingleQuote = 39,
  Slash = 47,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
}

/** XML's `S`: space, tab, carriage return, line feed (not the wider Unicode whitespace). */
export function isXmlWhitespace(code: number): boolean {
  return code === Code.Space || code === Code.LineFeed || code === Code.Tab || code === Code.CarriageReturn;
}

/** Characters that end a name in the tolerant parser: XML whitespace, the markup delimiters, the end of the text (NaN). */
export function endsName(code: number): boolean {
  return (
    Number.isNaN(code) ||
    isXmlWhitespace(code) ||
    code === Code.Slash ||
    code === Code.GreaterThan ||
    code === Code.LessThan ||
    code === Code.Equals ||
    code === Code.DoubleQuote ||
    code === Code.SingleQuote
  );
}

/**
 * NameStartChar ranges of XML 1.0. Characters beyond the BMP ([#x10000-#xEFFFF]) arrive as
 * surrogate pairs, so a surrogate code unit counts as a name character.
 */
const nameStartRanges: ReadonlyArray<readonly [number, number]> = [
  [0x3a, 0x3a], // ':'
  [0x41, 0x5a], // A-Z
  [0x5f, 0x5f], // '_'
  [0x61, 0x7a], // a-z
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xd800, 0xdfff], // surrogates: halves of [#x10000-#xEFFFF]
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
];

/** What NameChar adds to NameStartChar. */
const nameRanges: ReadonlyArray<readonly [number, number]> = [
  [0x2d, 0x2e], // '-' '.'
  [0x30, 0x39], // 0-9
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

function inRanges(code: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [low, high] of ranges) if (code >= low && code <= high) return true;
  return false;
}

export function isNameStartChar(code: number): boolean {
  return inRanges(code, nameStartRanges);
}

function characterClass(ranges: ReadonlyArray<readonly [number, number]>): string {
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  return ranges.map(([low, high]) => (low === high ? hex(low) : `${hex(low)}-${hex(high)}`)).join('');
}

/** RegExp source matching one XML Name (NameStartChar NameChar*), built from the same ranges; no flags needed. */
export const xmlNamePattern = `[${characterClass(nameStartRanges)}][${characterClass(nameStartRanges)}${characterClass(nameRanges)}]*`;

const xmlName = new RegExp(`^${xmlNamePattern}$`);

/** Whether a whole string is one XML Name. */
export function isXmlName(text: string): boolean {
  return xmlName.test(text);
}

/** Whether a whole string is an NCName (a Name without a colon; XML Namespaces §3), as the schemas' `NCName` datatype requires. */
export function isNCName(text: string): boolean {
  return !text.includes(':') && isXmlName(text);
}
