import { escapeXmlAttribute, escapeXmlText } from './xmlEscape';

export type AttributeList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * A span to record while an element is written: its name, or the value of its first attribute
 * of that name (nothing is recorded when the element has no such attribute).
 */
export interface SpanRequest<T> {
  readonly key: string;
  readonly data: T;
  /** The attribute whose value (inside the quotes) the span covers; absent for the element's name. */
  readonly attribute?: string;
}

/** A recorded span of the written text: UTF-16 offsets, end exclusive. */
export interface XmlSpan<T> {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly data: T;
}

export interface WrittenXml<T> {
  readonly text: string;
  /** In the order they were requested. */
  readonly spans: readonly XmlSpan<T>[];
}

/**
 * Writes XML the way libvirt formats it: two-space indent, single-quoted attributes. Records the
 * spans its caller asks for as it writes, so the caller never has to find them in the text again.
 */
export class XmlWriter<T = never> {
  private readonly lines: string[] = [];
  private readonly spans: XmlSpan<T>[] = [];
  /** The length of the text written so far, each line with its newline. */
  private length = 0;
  private depth: number;

  constructor(initialDepth = 0) {
    this.depth = initialDepth;
  }

  empty(name: string, attributes: AttributeList = [], spans: readonly SpanRequest<T>[] = []): void {
    this.tag(name, attributes, spans, '/>');
  }

  open(name: string, attributes: AttributeList = [], spans: readonly SpanRequest<T>[] = []): void {
    this.tag(name, attributes, spans, '>');
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.line(`</${name}>`);
  }

  textElement(name: string, text: string, attributes: AttributeList = [], spans: readonly SpanRequest<T>[] = []): void {
    this.tag(name, attributes, spans, `>${escapeXmlText(text)}</${name}>`);
  }

  comment(text: string): void {
    // '--' may not occur inside an XML comment.
    this.line(`<!-- ${text.replace(/--/g, '- -')} -->`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  written(): WrittenXml<T> {
    return { text: this.toString(), spans: [...this.spans] };
  }

  /** One line holding a start tag (and what follows it), recording the requested spans in it. */
  private tag(name: string, attributes: AttributeList, requests: readonly SpanRequest<T>[], after: string): void {
    const start = this.length + this.indent().length;
    let text = `<${name}`;
    const valueAt = new Map<string, { start: number; end: number }>();
    for (const [attribute, value] of attributes) {
      text += ` ${attribute}='`;
      const escaped = escapeXmlAttribute(value);
      if (!valueAt.has(attribute)) valueAt.set(attribute, { start: start + text.length, end: start + text.length + escaped.length });
      text += `${escaped}'`;
    }
    for (const { key, data, attribute } of requests) {
      const at = attribute === undefined ? { start: start + 1, end: start + 1 + name.length } : valueAt.get(attribute);
      if (at) this.spans.push({ ...at, key, data });
    }
    this.line(text + after);
  }

  private line(text: string): void {
    const line = this.indent() + text;
    this.lines.push(line);
    this.length += line.length + 1;
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}
