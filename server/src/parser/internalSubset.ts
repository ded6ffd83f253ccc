import { xmlNamePattern } from '../../../protocol/src/xmlNames';

/** A general entity the internal subset declares. */
export interface EntityDeclaration {
  readonly name: string;
  /**
   * The replacement text of an internal entity: the literal with its character references
   * expanded (XML 1.0 §4.5; general entity references inside stay, they expand where used).
   * Undefined for an external entity (SYSTEM or PUBLIC), whose text is never read.
   */
  readonly replacement: string | undefined;
}

/** What a document's internal DTD subset declares that changes the values libxml2 reads. */
export interface InternalSubset {
  /** The general entities, by name. */
  readonly general: ReadonlyMap<string, EntityDeclaration>;
  /**
   * Attributes declared with a type other than CDATA (`<!ATTLIST bridge name NMTOKEN #IMPLIED>`),
   * as `element attribute`: libxml2 collapses the spaces of their values (XML 1.0 §3.3.3).
   */
  readonly tokenized: ReadonlySet<string>;
  /**
   * False when declarations may come from elsewhere (an external subset, a parameter entity
   * reference): libxml2 then only warns about an entity it does not know, so nothing is said.
   */
  readonly complete: boolean;
}

export const emptySubset: InternalSubset = { general: new Map(), tokenized: new Set(), complete: true };

const declaration = new RegExp(`<!ENTITY\\s+(%\\s+)?(${xmlNamePattern})\\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\\b)`, 'g');
const characterReference = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/**
 * What the DOCTYPE in `prolog` (the text before the root element) declares.
 * Only the internal subset is read: an external subset or entity is never fetched, as libvirt
 * parses with XML_PARSE_NONET and without XML_PARSE_NOENT/DTDLOAD (virXMLParseHelper). The first
 * declaration of a name wins (XML 1.0 §4.2). A regular expression over the subset, comments
 * blanked first: linear, never recursive.
 */
export function readInternalSubset(prolog: string): InternalSubset {
  const doctype = /<!DOCTYPE\s+[^\s>[]+\s*([^\s>[]*)/.exec(prolog);
  if (!doctype) return emptySubset;
  const subset = prolog.slice(doctype.index).replace(/<!--[^]*?-->/g, (comment) => ' '.repeat(comment.length));
  const external = doctype[1] === 'SYSTEM' || doctype[1] === 'PUBLIC';
  const general = new Map<string, EntityDeclaration>();
  for (const match of subset.matchAll(declaration)) {
    const [, parameter, name, doubleQuoted, singleQuoted] = match;
    if (parameter || general.has(name)) continue;
    const literal = doubleQuoted ?? singleQuoted;
    general.set(name, { name, replacement: literal === undefined ? undefined : expandCharacterReferences(literal) });
  }
  const parameterReferences = new RegExp(`%${xmlNamePattern};`).test(subset);
  return { general, tokenized: tokenizedAttributes(subset), complete: !external && !parameterReferences };
}

const attributeList = new RegExp(`<!ATTLIST\\s+(${xmlNamePattern})([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>`, 'g');
const attributeDefinition = new RegExp(
  `(${xmlNamePattern})\\s+(CDATA|IDREFS|IDREF|ID|ENTITIES|ENTITY|NMTOKENS|NMTOKEN|NOTATION\\s*\\([^)]*\\)|\\([^)]*\\))\\s+(?:#REQUIRED|#IMPLIED|(?:#FIXED\\s+)?(?:"[^"]*"|'[^']*'))`,
  'g',
);

/** `element attribute` of every attribute declared with a tokenized or enumerated type; the first declaration wins. */
function tokenizedAttributes(subset: string): ReadonlySet<string> {
  const seen = new Set<string>();
  const tokenized = new Set<string>();
  for (const [, element, body] of subset.matchAll(attributeList)) {
    for (const [, attribute, type] of body.matchAll(attributeDefinition)) {
      const key = `${element} ${attribute}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (type !== 'CDATA') tokenized.add(key);
    }
  }
  return tokenized;
}

function expandCharacterReferences(literal: string): string {
  if (literal.indexOf('&#') < 0) return literal;
  return literal.replace(characterReference, (whole, body: string) => {
    const code = body[0] === 'x' ? parseInt(body.slice(1), 16) : parseInt(body, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
