import type { XmlDocument, XmlElement } from '../../parser/xmlTree';

/** How a file is written, so that inserted markup looks as if the author wrote it. */
export interface FileStyle {
  /** One level of indentation: two spaces, four, a tab… */
  readonly indentUnit: string;
  /** The quote most attribute values use. */
  readonly quote: '"' | "'";
  /** The file's line break. */
  readonly newline: string;
}

/** Read from the file itself; libvirt's own style (two spaces, single quotes) where it says nothing. */
export function fileStyleOf(xml: XmlDocument): FileStyle {
  return { indentUnit: indentUnitOf(xml), quote: quoteOf(xml), newline: xml.text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The white space that starts the line an element starts on (empty when markup precedes it there). */
export function indentationOf(text: string, element: XmlElement): string {
  const lineStart = text.lastIndexOf('\n', element.start - 1) + 1;
  const lead = text.slice(lineStart, element.start);
  return /^[ \t]*$/.test(lead) ? lead : '';
}

/** The smallest step between a parent's indentation and its first child's, over the first elements. */
function indentUnitOf(xml: XmlDocument): string {
  let best: string | undefined;
  const visit = (element: XmlElement, depth: number) => {
    if (depth > 3) return;
    const own = indentationOf(xml.text, element);
    for (const child of element.children) {
      const step = indentationOf(xml.text, child);
      if (step.startsWith(own) && step.length > own.length) {
        const unit = step.slice(own.length);
        if (best === undefined || unit.length < best.length) best = unit;
      }
      visit(child, depth + 1);
    }
  };
  for (const root of xml.roots) visit(root, 0);
  return best ?? '  ';
}

function quoteOf(xml: XmlDocument): '"' | "'" {
  let single = 0;
  let double = 0;
  const visit = (element: XmlElement) => {
    for (const attribute of element.attributes) {
      if (attribute.quote === "'") single++;
      else if (attribute.quote === '"') double++;
    }
    for (const child of element.children) visit(child);
  };
  for (const root of xml.roots) visit(root);
  return double > single ? '"' : "'";
}
