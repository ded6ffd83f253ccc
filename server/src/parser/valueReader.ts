import { emptySubset, type InternalSubset } from './internalSubset';
import { predefinedEntities } from './xmlEntities';
import type { TextRange, XmlRecovery } from './xmlTree';

/** libxml2 refuses more nested entity references than this (xmlParserEntityCheck, without XML_PARSE_HUGE). */
const maxEntityDepth = 40;

const referenceBody = /^(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;<>"'#][^\s&;<>"']*)$/;

interface Frame {
  readonly text: string;
  pos: number;
  /** The entity whose replacement text this is; undefined for the document's own text. */
  readonly entity: string | undefined;
}

/**
 * Reads attribute values and character data as libxml2 gives them to libvirt (virXMLParseHelper:
 * XML_PARSE_NONET, no XML_PARSE_NOENT; libvirt reads values with xmlGetProp and XPath string(),
 * which see through entity references):
 * - line ends normalised (`\r\n` and `\r` read as `\n`, XML 1.0 §2.11);
 * - in attribute values each literal tab, line feed or carriage return is a space, and attributes
 *   the DTD declares with a tokenized type have their spaces collapsed (§3.3.3); characters
 *   written as references (`&#9;`) stay as they are;
 * - predefined, character and internal entity references expanded, entities within entities
 *   too (§4.4); an external entity is never read: libxml2 leaves it empty in text and refuses it in
 *   an attribute value.
 *
 * What libxml2 refuses is collected in `problems` (the document is then not well-formed): an
 * entity that refers to itself, nesting deeper than libxml2 allows, '<' brought into an attribute
 * value, and amplification: all expansions together may produce at most `budget` characters
 * (each reference counts one more), so a "billion laughs" document stops early with a finding.
 * libxml2's own limit (xmlParserEntityCheck) is a heuristic on counts of references against the
 * bytes read; this bound is of the same order, not the same rule. Iterative: never recursive.
 */
export class ValueReader {
  readonly problems: XmlRecovery[] = [];
  private spent = 0;
  private exhausted = false;

  constructor(
    private readonly subset: InternalSubset = emptySubset,
    private readonly budget = Infinity,
  ) {}

  attributeValue(raw: string, range: TextRange, element: string, attribute: string): string {
    const value = raw.indexOf('&') < 0 ? normaliseAttributeSpace(raw) : this.expand(raw, range, true);
    return this.collapses(element, attribute) ? collapseSpaces(value) : value;
  }

  /** Whether the DTD declares this attribute with a tokenized type: its spaces collapse (§3.3.3). */
  collapses(element: string, attribute: string): boolean {
    return this.subset.tokenized.size > 0 && this.subset.tokenized.has(`${element} ${attribute}`);
  }

  text(raw: string, range: TextRange): string {
    return raw.indexOf('&') < 0 ? normaliseLineEnds(raw) : this.expand(raw, range, false);
  }

  /** A CDATA section's content: verbatim but for line ends. */
  cdata(raw: string): string {
    return normaliseLineEnds(raw);
  }

  private expand(raw: string, range: TextRange, inAttribute: boolean): string {
    const normalise = inAttribute ? normaliseAttributeSpace : normaliseLineEnds;
    const out: string[] = [];
    const stack: Frame[] = [{ text: raw, pos: 0, entity: undefined }];
    const active = new Set<string>();
    let at = range; // the document's own reference the current expansion started from
    for (let frame = stack[0]; stack.length > 0; frame = stack[stack.length - 1]) {
      const amp = frame.text.indexOf('&', frame.pos);
      out.push(normalise(frame.text.slice(frame.pos, amp < 0 ? frame.text.length : amp)));
      if (amp < 0) {
        if (frame.entity !== undefined) active.delete(frame.entity);
        stack.pop();
        continue;
      }
      const semicolon = frame.text.indexOf(';', amp);
      const body = semicolon < 0 ? '' : frame.text.slice(amp + 1, semicolon);
      if (!referenceBody.test(body)) {
        // Not a reference: the well-formedness check says so; the text stays as written.
        out.push('&');
        frame.pos = amp + 1;
        continue;
      }
      frame.pos = semicolon + 1;
      if (stack.length === 1) at = { start: range.start + amp, end: range.start + semicolon + 1 };
      const replacement = this.replacementOf(body, inAttribute, active, stack.length, at);
      if (replacement === undefined) return raw; // refused: the document is not well-formed anyway
      if (replacement.entity === undefined) {
        out.push(replacement.text);
      } else {
        active.add(replacement.entity);
        stack.push({ text: replacement.text, pos: 0, entity: replacement.entity });
      }
    }
    return out.join('');
  }

  /**
   * What `&body;` stands for: final text, or an entity's replacement text to read in turn;
   * undefined when libxml2 refuses the reference (the problem is recorded).
   */
  private replacementOf(
    body: string,
    inAttribute: boolean,
    active: ReadonlySet<string>,
    depth: number,
    at: TextRange,
  ): { text: string; entity?: string } | undefined {
    if (body.charCodeAt(0) === 35 /* # */) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return { text: code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : `&${body};` };
    }
    const known = predefinedEntities.get(body);
    if (known !== undefined) return { text: known };
    const declared = this.subset.general.get(body);
    // Undeclared: left as written (undeclaredEntities.ts reports it).
    if (!declared) return { text: `&${body};` };
    if (this.exhausted) return undefined;
    if (declared.replacement === undefined) {
      // libxml2 (xmlParseAttValueComplex / xmlParseReference): never loaded without XML_PARSE_NOENT.
      if (inAttribute) return this.refuse(`Attribute references external entity '${body}'`, at);
      return { text: '' };
    }
    if (active.has(body) || depth > maxEntityDepth) return this.refuse('Detected an entity reference loop', at);
    if (declared.replacement.includes('<')) {
      if (inAttribute) return this.refuse(`'<' in entity '${body}' is not allowed in attributes values`, at);
      // Markup from an entity would be elements libvirt sees; this parser does not build them.
      return { text: `&${body};` };
    }
    this.spent += 1 + declared.replacement.length;
    if (this.spent > this.budget) return this.refuse('Detected an entity reference loop (entities expand to too much text)', at);
    return { text: declared.replacement, entity: body };
  }

  private refuse(message: string, range: TextRange): undefined {
    this.exhausted ||= message.startsWith('Detected');
    if (this.problems.length < 100) this.problems.push({ message, range });
    return undefined;
  }
}

/** XML 1.0 §2.11: `\r\n` and a lone `\r` are read as `\n`. */
function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** XML 1.0 §3.3.3: after line-end normalisation, each tab, line feed or carriage return is a space. */
function normaliseAttributeSpace(text: string): string {
  return /[\t\n\r]/.test(text) ? text.replace(/\r\n|[\t\n\r]/g, ' ') : text;
}

function collapseSpaces(value: string): string {
  return value.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
}
