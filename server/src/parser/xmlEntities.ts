import { xmlNamePattern } from '../../../protocol/src/xmlNames';

/** The five entities XML predefines. */
export const predefinedEntities: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

const reference = new RegExp(`&(#x[0-9a-fA-F]+|#[0-9]+|${xmlNamePattern});`, 'g');

/**
 * Expands the five predefined entities and character references, for text that has no DTD
 * (libvirt's own output). A document's values are read by valueReader.ts, which also expands the
 * entities its DTD declares.
 */
export function decodeXmlEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(reference, (whole, body: string) => {
    if (body.charCodeAt(0) === 35 /* # */) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return predefinedEntities.get(body) ?? whole;
  });
}
