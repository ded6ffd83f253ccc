import { xmlNamePattern } from '../../../protocol/src/xmlNames';
import { readInternalSubset } from './internalSubset';
import type { TextRange, XmlDocument, XmlElement } from './xmlTree';

const predefined: ReadonlySet<string> = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
const reference = new RegExp(`&(${xmlNamePattern});`, 'g');
/** At most this many are reported: one is enough to see the problem, a hostile file has thousands. */
const limit = 100;

/**
 * References to entities nobody declared (`&xxe;`, `&nbsp;`), each at its place.
 *
 * libxml2 refuses such a document ("Entity 'xxe' not defined"), so libvirt does too; fast-xml-parser's
 * validator lets it pass. An entity the internal subset of the DOCTYPE declares is declared. With an
 * external subset or a parameter entity reference, declarations may come from elsewhere and libxml2
 * only warns: nothing is reported then. Predefined and character references need no declaration,
 * and CDATA, comments and the DOCTYPE hold no references.
 */
export function undeclaredEntities(document: XmlDocument): { message: string; range: TextRange }[] {
  const { text } = document;
  if (text.indexOf('&') < 0) return [];
  const subset = readInternalSubset(text.slice(0, document.roots[0]?.start ?? text.length));
  if (!subset.complete) return [];
  const declared = subset.general;
  const found: { message: string; range: TextRange }[] = [];
  for (const range of rangesWithReferences(document)) {
    if (text.indexOf('&', range.start) >= range.end) continue;
    reference.lastIndex = 0;
    const raw = text.slice(range.start, range.end);
    for (let match = reference.exec(raw); match && found.length < limit; match = reference.exec(raw)) {
      if (predefined.has(match[1]) || declared.has(match[1])) continue;
      const start = range.start + match.index;
      found.push({ message: `Entity '${shortName(match[1])}' not defined`, range: { start, end: start + match[0].length } });
    }
    if (found.length >= limit) break;
  }
  return found;
}

/** The raw ranges of every text (CDATA excluded) and attribute value, in document order, walked without recursion. */
function* rangesWithReferences(document: XmlDocument): Generator<TextRange> {
  const pending: XmlElement[] = [...document.roots].reverse();
  for (let element = pending.pop(); element; element = pending.pop()) {
    for (const attribute of element.attributes) if (attribute.valueRange) yield attribute.valueRange;
    for (const text of element.texts) {
      // The parser gives a CDATA section's content as a text right after `<![CDATA[`; no other text starts there.
      if (!document.text.startsWith('<![CDATA[', text.range.start - 9)) yield text.range;
    }
    for (let i = element.children.length - 1; i >= 0; i--) pending.push(element.children[i]);
  }
}

/** A name as long as the file must not make the message so. */
function shortName(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 40)}…`;
}
