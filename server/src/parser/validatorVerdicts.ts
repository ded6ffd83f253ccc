import type { XmlDocument } from './xmlTree';

/**
 * The parsed documents fast-xml-parser's validator found well-formed, so that it is not run again
 * on them, nor on a document made from one by an edit that cannot change its verdict (see
 * reparseAfterValueEdit). Weak: a document's entry goes with it.
 */
const wellFormedByValidator = new WeakSet<XmlDocument>();

export function isKnownWellFormed(document: XmlDocument): boolean {
  return wellFormedByValidator.has(document);
}

export function noteWellFormed(document: XmlDocument): void {
  wellFormedByValidator.add(document);
}
