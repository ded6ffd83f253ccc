/** Escaping text for XML output: the inverse of the parser's entity decoding (parser/xmlEntities.ts). */

/** Escapes text for an attribute value in single quotes, as libvirt writes its XML. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/[&<>'"]/g, (c) => `&${c === '&' ? 'amp' : c === '<' ? 'lt' : c === '>' ? 'gt' : c === "'" ? 'apos' : 'quot'};`);
}

/** Escapes character data. */
export function escapeXmlText(value: string): string {
  return value.replace(/[&<>]/g, (c) => `&${c === '&' ? 'amp' : c === '<' ? 'lt' : 'gt'};`);
}

/**
 * Escapes text for an attribute value between the given quote, escaping only that quote (so a
 * value keeps the other kind readable) besides `&` and `<`.
 */
export function escapeXmlAttributeIn(value: string, quote: '"' | "'"): string {
  return value.replace(/[&<"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c !== quote ? c : c === "'" ? '&apos;' : '&quot;'));
}
