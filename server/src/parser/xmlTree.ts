/**
 * The positioned XML tree: every element, attribute name and attribute value keeps the exact
 * offsets (UTF-16 code units, as in LSP documents) where it stands in the source text.
 */

export interface TextRange {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

export interface XmlAttribute {
  readonly name: string;
  readonly nameRange: TextRange;
  /** The value as libxml2 reads it (references expanded, whitespace normalised: valueReader.ts); undefined for a bare name. */
  readonly value: string | undefined;
  /** Range of the value between its quotes; undefined for a bare name. */
  readonly valueRange: TextRange | undefined;
  readonly quote: '"' | "'" | undefined;
  /** False while the closing quote is still missing (the user is typing). */
  readonly valueClosed: boolean;
}

export interface XmlText {
  /** Character data as libxml2 reads it (references expanded, line ends normalised; CDATA sections verbatim otherwise). */
  readonly value: string;
  readonly range: TextRange;
}

export interface XmlElement {
  readonly name: string;
  readonly nameRange: TextRange;
  /** Offset of the `<` that opens the start tag. */
  readonly start: number;
  /** Offset just past the whole element; for an unclosed element, where parsing gave up on it. */
  end: number;
  /** Offset just past the `>` of the start tag; undefined while the start tag is unterminated. */
  startTagEnd: number | undefined;
  /** Offset of the `<` of the end tag, when there is one. */
  endTagStart: number | undefined;
  selfClosing: boolean;
  /** True when the element was properly ended (self-closing or by its own end tag). */
  closed: boolean;
  readonly attributes: XmlAttribute[];
  readonly children: XmlElement[];
  readonly texts: XmlText[];
  readonly parent: XmlElement | undefined;
}

export interface XmlDocument {
  readonly text: string;
  /** Top-level elements; a well-formed document has exactly one. */
  readonly roots: XmlElement[];
  /** Problems met while recovering from broken input, in document order. */
  readonly recoveries: XmlRecovery[];
  /**
   * References libxml2 refuses while expanding entities (a loop, too much text, an external
   * entity or '<' in an attribute value): the document is not well-formed for libvirt.
   */
  readonly entityErrors: readonly XmlRecovery[];
}

export interface XmlRecovery {
  readonly message: string;
  readonly range: TextRange;
}
