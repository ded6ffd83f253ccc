import { escapeXmlAttribute, escapeXmlText } from './xmlEscape';

export type AttributeList = ReadonlyArray<readonly [name: string, value: string]>;

/** Writes XML the way libvirt formats it: two-space indent, single-quoted attributes. */
export class XmlWriter {
  private readonly lines: string[] = [];
  private depth: number;

  constructor(initialDepth = 0) {
    this.depth = initialDepth;
  }

  empty(name: string, attributes: AttributeList = []): void {
    this.line(`<${name}${formatAttributes(attributes)}/>`);
  }

  open(name: string, attributes: AttributeList = []): void {
    this.line(`<${name}${formatAttributes(attributes)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.line(`</${name}>`);
  }

  textElement(name: string, text: string, attributes: AttributeList = []): void {
    this.line(`<${name}${formatAttributes(attributes)}>${escapeXmlText(text)}</${name}>`);
  }

  comment(text: string): void {
    // '--' may not occur inside an XML comment.
    this.line(`<!-- ${text.replace(/--/g, '- -')} -->`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  private line(text: string): void {
    this.lines.push('  '.repeat(this.depth) + text);
  }
}

function formatAttributes(attributes: AttributeList): string {
  return attributes.map(([name, value]) => ` ${name}='${escapeXmlAttribute(value)}'`).join('');
}
