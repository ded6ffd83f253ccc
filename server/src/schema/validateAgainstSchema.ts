/**
 * Validation of a libvirt document with libvirt's RelaxNG schemas, by libxml2 (the engine of
 * virt-xml-validate) running in WebAssembly. The verdict is libxml2's; positions come from our
 * positioned parser, and where libxml2 only blames an ancestor, the simplified grammar names the
 * culprit inside it.
 *
 * Cost (5,000-line domain, see test/unit/schema/latency.test.ts): a few tens of milliseconds
 * warm, a few hundred cold (wasm start and schema compilation). libxml2 runs synchronously, so
 * the server calls this through SchemaValidationWorker, off its main thread.
 */
import { parseXml } from '../parser/xmlParser';
import type { XmlDocument, XmlElement } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';
import { compiledSchema } from './compiledSchemas';
import { elementAtNodePath, elementOnLine, rangeFor } from './errorLocation';
import { blankOut, extensionTagFindings, extensionTags } from './extensionTags';
import { explainInvalid } from './grammar/explainInvalid';
import { elementPatternsAt } from './grammar/elementPath';
import { schemaGrammar } from './grammar/schemaGrammars';
import { loadLibxml2, type Libxml2Module } from './libxml2Loader';
import { locateMessages, type LocatedMessage } from './libxml2Messages';
import { pathTo } from './schemaCursor';
import { schemaFileForRoot } from './schemaLocation';
import { isCancelled, SchemaValidationCancelled, type CancellationLike, type SchemaFinding } from './schemaTypes';

/**
 * Findings for `text`, whose root element is `rootName`. Resolves to [] when libvirt has no
 * schema for that root; rejects with SchemaValidationCancelled when `token` is cancelled
 * (checked before each costly step: no work is done after cancellation is seen).
 * A document that is not well-formed gets only its `<tag>` remarks: malformed XML is the core's
 * finding, and libxml2 would only repeat it.
 */
export async function validateAgainstSchema(text: string, rootName: string, schemaFolder: string, token?: CancellationLike): Promise<SchemaFinding[]> {
  const schemaFile = schemaFileForRoot(rootName);
  if (!schemaFile) return [];
  const document = parseXml(text);
  const tags = extensionTags(document);
  const tagFindings = extensionTagFindings(tags);
  throwIfCancelled(token);
  const libxml2 = await loadLibxml2();
  throwIfCancelled(token);
  const validator = await compiledSchema(schemaFolder, schemaFile);
  throwIfCancelled(token);
  const details = runLibxml2(libxml2, validator, blankOut(text, tags));
  if (details === 'malformed') return tagFindings;
  throwIfCancelled(token);
  return [...tagFindings, ...toFindings(document, locateMessages(details), schemaFolder, rootName, new Set(tags))];
}

function throwIfCancelled(token: CancellationLike | undefined): void {
  if (isCancelled(token)) throw new SchemaValidationCancelled();
}

type Validator = Awaited<ReturnType<typeof compiledSchema>>;
type ErrorDetails = InstanceType<Libxml2Module['XmlLibError']>['details'];

function runLibxml2(libxml2: Libxml2Module, validator: Validator, text: string): ErrorDetails | 'malformed' {
  const { ParseOption } = libxml2;
  let parsed: InstanceType<Libxml2Module['XmlDocument']>;
  try {
    // No external entities or DTDs: a document must not make libxml2 read anything.
    parsed = libxml2.XmlDocument.fromString(text, {
      url: 'document.xml',
      option: ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_BIG_LINES,
    });
  } catch {
    return 'malformed';
  }
  try {
    validator.validate(parsed);
    return [];
  } catch (error) {
    if (error instanceof libxml2.XmlLibError) return error.details;
    throw error;
  } finally {
    parsed.dispose();
  }
}

function toFindings(document: XmlDocument, messages: readonly LocatedMessage[], schemaFolder: string, rootName: string, skip: ReadonlySet<XmlElement>): SchemaFinding[] {
  const lines = new LineIndex(document.text);
  const located = messages.map((message) => ({
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
    const explanations = message.generic ? explain(element, schemaFolder, rootName, skip) : [];
    if (explanations.length > 0) {
      for (const { range, message: text } of explanations) add({ range, severity: 'error', code: 'schema', message: text });
    } else {
      add({ range: rangeFor(element, message.attribute, message.value), severity: 'error', code: 'schema', message: message.message });
    }
  }
  return findings;
}

function explain(element: XmlElement, schemaFolder: string, rootName: string, skip: ReadonlySet<XmlElement>) {
  const grammar = schemaGrammar(schemaFolder, rootName);
  if (!grammar) return [];
  return explainInvalid(element, elementPatternsAt(grammar, pathTo(element)), skip);
}

function contains(outer: XmlElement, inner: XmlElement): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
