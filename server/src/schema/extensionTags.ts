/**
 * The RFC's `<tag name='…'/>` labels (on a network, a portgroup, an interface) are this project's
 * extension, unknown to libvirt's schema. Before validating we blank them out so libxml2 judges
 * the rest of the document. They are not reported here: one information per file, at its first
 * tag, says that libvirt drops them and `--validate` refuses them (findings/tagRules.ts); one per
 * tag said the same thing on every line that has one.
 */
import type { TextRange, XmlDocument, XmlElement } from '../parser/xmlTree';

/** Parents of the RFC's `<tag>`; `<vlan><tag id='…'/></vlan>` is libvirt's own and stays. */
const tagParents = new Set(['network', 'portgroup', 'interface']);

export function extensionTags(document: XmlDocument): XmlElement[] {
  const found: XmlElement[] = [];
  const pending: XmlElement[] = [...document.roots];
  for (let element = pending.pop(); element; element = pending.pop()) {
    if (element.name === 'tag' && element.parent && tagParents.has(element.parent.name)) found.push(element);
    else pending.push(...element.children);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The text with each element (its range, in order) replaced by spaces. Line breaks are kept, so
 * lines and offsets in libxml2's answers still point into the original text.
 */
export function blankOut(text: string, elements: readonly TextRange[]): string {
  if (elements.length === 0) return text;
  let result = '';
  let at = 0;
  for (const element of elements) {
    result += text.slice(at, element.start) + text.slice(element.start, element.end).replace(/[^\r\n]/g, ' ');
    at = element.end;
  }
  return result + text.slice(at);
}
