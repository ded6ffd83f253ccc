/**
 * libxml2's verdict on a document, as positioned findings. The verdict is libxml2's (the edge
 * runs it: server/src/host/schema/schemaValidator.ts); positions come from our positioned
 * parser, and where libxml2 only blames an ancestor, the simplified grammar names the culprit
 * inside it. No I/O here.
 */
import type { ErrorDetail } from 'libxml2-wasm' with { 'resolution-mode': 'import' };
import type { TextRange, XmlDocument, XmlElement } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';
import { elementAtNodePath, elementOnLine, rangeFor } from './errorLocation';
import { explainInvalid, type Explanation } from './grammar/explainInvalid';
import { elementPatternsAt } from './grammar/elementPath';
import type { SchemaGrammar, SchemaGrammars } from './grammar/schemaGrammars';
import { locateMessages } from './libxml2Messages';
import { pathTo } from './schemaCursor';
import type { SchemaFinding } from './schemaTypes';

/**
 * Findings for libxml2's error details on `document`, whose root is `rootName`. The root's
 * simplified grammar (asked of `grammars` only when a complaint is generic) explains libxml2's
 * generic complaints; `skip` holds the elements libxml2 did not see (the RFC's `<tag>`s,
 * blanked out).
 */
export function verdictFindings(
  document: XmlDocument,
  details: readonly ErrorDetail[],
  grammars: SchemaGrammars,
  rootName: string,
  skip: ReadonlySet<XmlElement>,
): SchemaFinding[] {
  const lines = new LineIndex(document.text);
  const located = locateMessages(details).map((message) => ({
    message,
    element: (message.xpath ? elementAtNodePath(document, message.xpath) : undefined) ?? elementOnLine(document, lines, message.line) ?? document.roots[0],
  }));
  // A generic complaint about an element that contains (or is) one with a precise complaint is
  // the same problem seen from further out.
  const precise = located.filter((l) => !l.message.generic).map((l) => l.element);
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: SchemaFinding): void => {
    const key = `${finding.range.start}:${finding.range.end}:${finding.message}`;
    if (!seen.has(key)) findings.push(finding);
    seen.add(key);
  };
  for (const { message, element } of located) {
    if (!element) {
      add({ range: { start: 0, end: 0 }, severity: 'error', code: 'schema', message: message.message });
      continue;
    }
    if (message.generic && precise.some((p) => p && contains(element, p))) continue;
    const explanations = message.generic
      ? explain(element, grammars.grammar(rootName), skip)
      : message.attribute !== undefined
        ? explainAttribute(element, message.attribute, grammars.grammar(rootName), skip)
        : [];
    if (explanations.length > 0) {
      for (const { range, message: text } of explanations) add({ range, severity: 'error', code: 'schema', message: text });
    } else {
      const entity = message.extra !== undefined ? entityReferenceIn(document.text, element, message.extra) : undefined;
      if (entity) {
        const text = `the entity reference '&${message.extra};' is not allowed here (in <${element.name}>): write its text instead`;
        add({ range: entity, severity: 'error', code: 'schema', message: text });
      } else {
        add({ range: rangeFor(element, message.attribute, message.value), severity: 'error', code: 'schema', message: message.message });
      }
    }
  }
  return findings;
}

function explain(element: XmlElement, grammar: SchemaGrammar | undefined, skip: ReadonlySet<XmlElement>): Explanation[] {
  if (!grammar) return [];
  return explainInvalid(element, elementPatternsAt(grammar, pathTo(element)), skip);
}

/**
 * libxml2's "Invalid attribute name for element portgroup" means the attribute is not allowed
 * there or its value is not: the grammar's explanations that concern that attribute say which.
 */
function explainAttribute(element: XmlElement, name: string, grammar: SchemaGrammar | undefined, skip: ReadonlySet<XmlElement>): Explanation[] {
  const attribute = element.attributes.find((a) => a.name === name);
  if (!attribute) return [];
  const end = attribute.valueRange ? attribute.valueRange.end + 1 : attribute.nameRange.end;
  return explain(element, grammar, skip).filter((e) => e.range.start >= attribute.nameRange.start && e.range.end <= end);
}

/**
 * Where `element` refers to the entity `name`, when it has no child element of that name: libxml2
 * keeps a DTD-declared entity's reference as a node of its own, and its RelaxNG messages name that
 * node as if it were an element ("Element name has extra content: xxe").
 */
function entityReferenceIn(text: string, element: XmlElement, name: string): TextRange | undefined {
  if (element.children.some((child) => child.name === name)) return undefined;
  const written = `&${name};`;
  for (const { range } of element.texts) {
    const at = text.slice(range.start, range.end).indexOf(written);
    if (at >= 0) return { start: range.start + at, end: range.start + at + written.length };
  }
  return undefined;
}

function contains(outer: XmlElement, inner: XmlElement): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
