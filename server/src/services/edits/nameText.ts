import { escapeXmlAttributeIn, escapeXmlText } from '../../util/xmlEscape';
import type { TextRange } from '../../parser/xmlTree';

/**
 * A new name written in place of the one a range covers, escaped for where it stands: between
 * the quotes of an attribute value (the quote kind the file used there) or as element text.
 */
export function nameText(text: string, range: TextRange, newName: string): string {
  const before = text[range.start - 1];
  if ((before === "'" || before === '"') && text[range.end] === before) return escapeXmlAttributeIn(newName, before);
  return escapeXmlText(newName);
}
