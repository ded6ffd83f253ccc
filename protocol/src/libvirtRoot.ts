import { isNameStartChar } from './xmlNames';

/**
 * Which libvirt object a text describes, judged from its first element only. The client asks
 * this on every open and edit (to show the status button on domain files) and the server before
 * parsing a document or indexing a file: one rule, so both sides agree on what is libvirt XML.
 * It reads just the prolog, never parses the document.
 */

/** How much of a document is read to find its root element. */
export const sniffedPrefixLength = 64 * 1024;

/** The root elements of the libvirt objects this tool understands. */
export const libvirtRootNames = ['domain', 'network', 'networkport', 'pool', 'volume', 'filter'] as const;

export type LibvirtRootName = (typeof libvirtRootNames)[number];

const libvirtRoots: ReadonlySet<string> = new Set<string>(libvirtRootNames);

export function isLibvirtRootName(name: string | undefined): name is LibvirtRootName {
  return name !== undefined && libvirtRoots.has(name);
}

/**
 * The name of the first element, skipping a BOM, the XML declaration, comments and a DOCTYPE.
 * Text before the root means no root: libxml2 (xmlParseDocument) refuses such a document, so
 * libvirt would never load it.
 */
export function sniffRootElementName(text: string): string | undefined {
  const end = Math.min(text.length, sniffedPrefixLength);
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < end) {
    const lt = text.indexOf('<', at);
    if (lt < 0 || lt >= end) return undefined;
    if (text.slice(at, lt).trim() !== '') return undefined; // text before the root: not XML we know
    if (text.startsWith('<?', lt)) at = skipPast(text, lt, '?>');
    else if (text.startsWith('<!--', lt)) at = skipPast(text, lt, '-->');
    else if (text.startsWith('<!', lt)) at = skipDoctype(text, lt);
    else return rootNameAt(text, lt + 1);
    if (at < 0) return undefined;
  }
  return undefined;
}

export function sniffLibvirtRoot(text: string): LibvirtRootName | undefined {
  const name = sniffRootElementName(text);
  return isLibvirtRootName(name) ? name : undefined;
}

/**
 * The whole name token as the parser reads it (up to white space, `/` or `>`), so `<domainé>`
 * is not taken for `<domain>`; undefined when it does not start like an XML name.
 */
function rootNameAt(text: string, from: number): string | undefined {
  const token = /^[^\s/>]+/.exec(text.slice(from, from + 256))?.[0];
  return token !== undefined && isNameStartChar(token.charCodeAt(0)) ? token : undefined;
}

function skipPast(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from);
  return at < 0 ? -1 : at + terminator.length;
}

/** A DOCTYPE may carry an internal subset in brackets, which may itself contain '>'. */
function skipDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close < 0) return -1;
  if (bracket < 0 || bracket > close) return close + 1;
  const subsetEnd = text.indexOf(']', bracket);
  return subsetEnd < 0 ? -1 : skipPast(text, subsetEnd, '>');
}
