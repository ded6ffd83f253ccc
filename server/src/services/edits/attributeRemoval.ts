import type { TextRange, XmlAttribute } from '../../parser/xmlTree';

/**
 * The text to delete to take an attribute out of its start tag: the white space before it, its
 * name, `=` and the quoted value, so `<inbound average='1' floor='2'/>` becomes
 * `<inbound average='1'/>`. Undefined while the value is still unclosed (nothing safe to cut).
 */
export function attributeRemovalRange(text: string, attribute: XmlAttribute): TextRange | undefined {
  if (attribute.valueRange && (!attribute.valueClosed || attribute.quote === undefined)) return undefined;
  let start = attribute.nameRange.start;
  while (start > 0 && /[ \t\r\n]/.test(text[start - 1])) start--;
  const end = attribute.valueRange ? attribute.valueRange.end + 1 : attribute.nameRange.end;
  return { start, end };
}
