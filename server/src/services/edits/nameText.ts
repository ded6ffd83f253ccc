import { escapeXmlAttributeIn, escapeXmlText } from '../../util/xmlEscape';

/**
 * A new name written in place of an old one, escaped for where it stands: between the quotes of
 * an attribute value (the quote kind the file used there) or, with no quote, as element text.
 */
export function nameText(quote: '"' | "'" | undefined, newName: string): string {
  return quote === undefined ? escapeXmlText(newName) : escapeXmlAttributeIn(newName, quote);
}
