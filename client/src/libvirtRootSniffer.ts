/**
 * Which libvirt object a text describes, judged from its first element only. The client asks
 * this on every open and edit (to show the status button on domain files), so it reads just
 * the prolog, never parses the document; the language server makes the real decision.
 */

/** How much of a document is read to find its root element. */
export const sniffedPrefixLength = 64 * 1024;

export type LibvirtRootName = 'domain' | 'network' | 'networkport';

const libvirtRoots: ReadonlySet<string> = new Set<LibvirtRootName>(['domain', 'network', 'networkport']);

/** The name of the first element, skipping the XML declaration, comments and a DOCTYPE. */
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
    else return /^[A-Za-z_][\w.:-]*/.exec(text.slice(lt + 1, lt + 256))?.[0];
    if (at < 0) return undefined;
  }
  return undefined;
}

export function sniffLibvirtRoot(text: string): LibvirtRootName | undefined {
  const name = sniffRootElementName(text);
  return name !== undefined && libvirtRoots.has(name) ? (name as LibvirtRootName) : undefined;
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
