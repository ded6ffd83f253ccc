const predefined: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

const reference = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9._-]*);/g;

/**
 * Expands the five predefined entities and character references. Any other entity is left as
 * written: expanding DTD entities would let a hostile file blow up (billion laughs) for nothing
 * libvirt itself accepts.
 */
export function decodeXmlEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(reference, (whole, body: string) => {
    if (body.charCodeAt(0) === 35 /* # */) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return predefined.get(body) ?? whole;
  });
}

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
