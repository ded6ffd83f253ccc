import type { StatusXmlLink, ValueOrigin } from '../../../protocol/src/messages';
import { escapeHtml, escapeHtmlAttribute, escapeHtmlText } from './htmlEscape';
import { tokenizeStatusXml, type XmlToken } from './statusXmlTokens';

/** How status XML writes a value that libvirt assigns when the domain starts. */
const runTimePlaceholder = '…';

const ourTagTitle = 'Added by the libvirt-xml extension (the tags of the libvirt RFC); libvirt itself does not report <tag>';

/**
 * Status XML as syntax-coloured HTML: each token in a span whose class names its kind (the
 * stylesheet maps kinds to theme colours), and each token inside one of the server's links
 * wrapped as a link the panel's script turns into "open where this came from".
 */
export function renderStatusXml(xml: string, interfaceIndex: number, statusLinks: readonly StatusXmlLink[]): string {
  const tokens = tokenizeStatusXml(xml);
  const out: string[] = [];
  let insideOurTag = false;
  let links = 0;
  tokens.forEach((token, at) => {
    const next = tokens[at + 1];
    if (token.kind === 'punctuation' && token.text === '<' && next && isOurTag(next)) {
      out.push(`<span class="ours" title="${escapeHtml(ourTagTitle)}">`);
      insideOurTag = true;
    }
    const html = renderToken(token);
    const link = token.kind === 'whitespace' || token.kind === 'text' ? undefined : innermostLink(statusLinks, token);
    // Roving focus: only the first link is a Tab stop; the panel's script moves between the
    // others with the arrow keys (three interfaces were 42 Tab stops).
    out.push(link ? linked(html, link, interfaceIndex, links++ === 0) : html);
    if (insideOurTag && token.kind === 'punctuation' && token.text.endsWith('>')) {
      out.push('</span>');
      insideOurTag = false;
    }
  });
  if (insideOurTag) out.push('</span>');
  return out.join('');
}

/** The RFC's `<tag name>` directly under `<interface>` (a VLAN's `<tag id>` sits under `<vlan>`). */
function isOurTag(token: XmlToken): boolean {
  return token.kind === 'elementName' && !token.closing && token.path.length === 2 && token.path[1].name === 'tag';
}

/** The narrowest link whose span holds the whole token. */
function innermostLink(links: readonly StatusXmlLink[], token: XmlToken): StatusXmlLink | undefined {
  const end = token.start + token.text.length;
  let best: StatusXmlLink | undefined;
  for (const link of links) {
    if (link.start <= token.start && end <= link.end && (!best || link.end - link.start < best.end - best.start)) best = link;
  }
  return best;
}

function renderToken(token: XmlToken): string {
  switch (token.kind) {
    case 'punctuation':
    case 'equals':
      return span('x-punct', token.text);
    case 'quote':
      return span('x-string', token.text);
    case 'comment':
      return span('x-comment', token.text);
    case 'attributeName':
      return span('x-attr', token.text);
    case 'elementName':
      return span('x-tag', token.text);
    case 'attributeValue':
      return span(valueClass(token.text), token.text, token.text === runTimePlaceholder ? 'libvirt assigns this value when the domain starts' : undefined);
    case 'text':
    case 'whitespace':
      return escapeHtmlText(token.text);
  }
}

function valueClass(value: string): string {
  if (value === runTimePlaceholder) return 'x-string x-runtime';
  return /^\d+$/.test(value) ? 'x-string x-number' : 'x-string';
}

function span(className: string, text: string, title?: string): string {
  const titleAttribute = title ? ` title="${escapeHtmlAttribute(title)}"` : '';
  return `<span class="${className}"${titleAttribute}>${escapeHtmlText(text)}</span>`;
}

/** A value that opens where it came from; the underline's colour tells the level. `tabStop`: reached with Tab (else by the arrow keys). */
export function linked(inner: string, link: { readonly key: string; readonly from: ValueOrigin }, interfaceIndex: number, tabStop = true): string {
  return (
    `<span class="source-link level-${levelClass(link.from)}" role="link" tabindex="${tabStop ? 0 : -1}" data-action="reveal"` +
    ` data-interface="${interfaceIndex}" data-key="${escapeHtmlAttribute(link.key)}" title="${escapeHtmlAttribute(describeOrigin(link.from))}">` +
    `${inner}</span>`
  );
}

function levelClass(origin: ValueOrigin): string {
  return origin.level;
}

/** The hover text of a link: the server's label ("portgroup 'xyzzy' in networks/mynet.xml") and the line. */
function describeOrigin(origin: ValueOrigin): string {
  const where = origin.label !== '' ? origin.label : origin.level;
  return `From ${where}, line ${origin.range.start.line + 1}. Click to open.`;
}
