/**
 * The RFC's `<tag name='…'/>` labels (on a network, a portgroup, an interface) are this project's
 * extension, unknown to libvirt's schema. Before validating we blank them out so libxml2 judges
 * the rest of the document, and we report each one as information instead.
 */
import type { XmlDocument, XmlElement } from '../parser/xmlTree';
import type { SchemaFinding } from './schemaTypes';

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
 * The text with each element replaced by spaces. Line breaks are kept, so lines and offsets in
 * libxml2's answers still point into the original text.
 */
export function blankOut(text: string, elements: readonly XmlElement[]): string {
  if (elements.length === 0) return text;
  let result = '';
  let at = 0;
  for (const element of elements) {
    result += text.slice(at, element.start) + text.slice(element.start, element.end).replace(/[^\r\n]/g, ' ');
    at = element.end;
  }
  return result + text.slice(at);
}

export function extensionTagFindings(tags: readonly XmlElement[]): SchemaFinding[] {
  return tags.map((tag) => ({
    range: tag.nameRange,
    severity: 'info',
    code: 'schema-extension',
    message: `<tag> is not part of libvirt's schema: libvirt drops it when this ${tag.parent?.name ?? 'object'} is defined (a libvirt-xml extension)`,
  }));
}
