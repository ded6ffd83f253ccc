import type { TextRange, XmlDocument, XmlElement } from './xmlTree';

/**
 * The elements still open where the text ends, said in a few words at one place.
 *
 * fast-xml-parser reports them as a JSON dump of its whole stack at line 1 (800 KB for 50,000
 * open elements). We name the innermost one, at its start tag: its end tag is the first one
 * missing, and when a file is being written at its end, it is the element being written. The
 * elements around it are only counted, so the message stays short however deep the nesting.
 */
export function unclosedAtEnd(document: XmlDocument): { message: string; range: TextRange } | undefined {
  const open = openAtEnd(document);
  if (open.length === 0) return undefined;
  const innermost = open[open.length - 1];
  const others = open.length - 1;
  const around =
    others === 0 ? '' : others === 1 ? `, nor is <${shortName(open[0].name)}> around it` : `, nor are the ${withThousands(others)} elements around it`;
  return { message: `<${shortName(innermost.name)}> is never closed${around}`, range: innermost.nameRange };
}

/** The last root and, below it, the chain of last children, as long as each runs unclosed to the end. */
function openAtEnd(document: XmlDocument): XmlElement[] {
  const open: XmlElement[] = [];
  const atEnd = (element: XmlElement | undefined): element is XmlElement => element !== undefined && !element.closed && element.end === document.text.length;
  for (let element = document.roots.at(-1); atEnd(element); element = element.children.at(-1)) open.push(element);
  return open;
}

/** A name as long as the file must not make the message so. */
function shortName(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 40)}…`;
}

function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
