import { xmlNamePattern } from '../../../protocol/src/xmlNames';

const predefined: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

const reference = new RegExp(`&(#x[0-9a-fA-F]+|#[0-9]+|${xmlNamePattern});`, 'g');

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
