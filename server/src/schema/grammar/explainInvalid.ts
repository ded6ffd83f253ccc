/**
 * libxml2's RelaxNG errors are coarse: any mistake inside `<devices>` is reported as "Extra
 * element devices in interleave". Given the element libxml2 blames, this walks its subtree with
 * the simplified grammar and names what no alternative of the schema allows there: an unknown
 * element or attribute, a value outside an enumeration or datatype, a missing required name.
 * What it finds is always a real violation (the grammar is a relaxation of the schema's, so a
 * name or value it refuses, libxml2 refuses too); when it finds nothing, libxml2's message stays.
 */
import type { TextRange, XmlElement } from '../../parser/xmlTree';
import { closestNames } from '../../util/closestNames';
import { attributesNamed, elementsNamed, enumerateValues, particlesOf, requiredNames, type GivenAttributes, type ValueSet } from './contentModel';
import { dataAccepts } from './datatypes';
import { localName, type ElementPattern } from './rngPattern';
import { describeValues } from './schemaDocs';

export interface Explanation {
  readonly range: TextRange;
  readonly message: string;
}

const maxExplanations = 20;

/**
 * Problems in `element`'s subtree, given the patterns that may describe it. `skip` holds
 * elements the validator did not see (the RFC's `<tag>`s, blanked out).
 */
export function explainInvalid(element: XmlElement, patterns: readonly ElementPattern[], skip: ReadonlySet<XmlElement>): Explanation[] {
  const found: Explanation[] = [];
  const pending: Array<{ element: XmlElement; patterns: readonly ElementPattern[] }> = [{ element, patterns }];
  for (let item = pending.pop(); item && found.length < maxExplanations; item = pending.pop()) {
    pending.push(...checkElement(item.element, item.patterns, skip, found).reverse());
  }
  return found.slice(0, maxExplanations);
}

function checkElement(
  element: XmlElement,
  patterns: readonly ElementPattern[],
  skip: ReadonlySet<XmlElement>,
  found: Explanation[],
): Array<{ element: XmlElement; patterns: readonly ElementPattern[] }> {
  // Custom content (`<metadata>`'s children): anything is allowed below.
  if (patterns.length === 0 || patterns.some((p) => p.name.kind === 'any')) return [];
  const given = givenAttributes(element);
  const label = describeTag(element, given);
  const particles = patterns.map((p) => particlesOf(p.content, given));
  const allowedAttributes = particles.flatMap((p) => p.attributes);
  const allowedElements = particles.flatMap((p) => p.elements);

  for (const attribute of element.attributes) {
    if (isNamespaceDeclaration(attribute.name)) continue;
    const name = localName(attribute.name);
    const matching = allowedAttributes.filter((a) => a.name.kind === 'any' || a.name.names.includes(name));
    if (matching.length === 0) {
      const names = allowedAttributes.flatMap((a) => (a.name.kind === 'names' ? a.name.names : []));
      found.push({ range: attribute.nameRange, message: `Attribute '${name}' is not allowed on ${label}${didYouMean(name, names)}` });
      continue;
    }
    if (attribute.value === undefined || !attribute.valueRange) continue;
    // The value is judged against every branch, this attribute's own not pruned away.
    const values = mergeValues(
      patterns.flatMap((p) => attributesNamed(particlesOf(p.content, given, attribute.name), name)).map((a) => enumerateValues(a.content)),
    );
    if (!valueAllowed(values, attribute.value)) {
      // An empty value has an empty range: underline the whole attribute instead.
      const range =
        attribute.valueRange.end > attribute.valueRange.start ? attribute.valueRange : { start: attribute.nameRange.start, end: attribute.valueRange.end + 1 };
      found.push({ range, message: `value '${attribute.value}' is not a valid ${localName(element.name)} ${name}: expected ${describeValues(values)}` });
    }
  }

  const present = new Set(element.attributes.map((a) => localName(a.name)));
  for (const name of intersect(patterns.map((p) => requiredNames(p.content, 'attribute', given)))) {
    if (!present.has(name)) found.push({ range: element.nameRange, message: `${label} needs the attribute '${name}'` });
  }

  const next: Array<{ element: XmlElement; patterns: readonly ElementPattern[] }> = [];
  const children = element.children.filter((child) => !skip.has(child));
  for (const child of children) {
    const name = localName(child.name);
    const matching = allowedElements.filter((e) => e.name.kind === 'any' || e.name.names.includes(name));
    if (matching.length === 0) {
      const names = allowedElements.flatMap((e) => (e.name.kind === 'names' ? e.name.names : []));
      const where = allowedElements.length === 0 ? `${label} has no child elements` : `<${name}> is not allowed in ${label}`;
      found.push({ range: child.nameRange, message: `${where}${didYouMean(name, names)}` });
    } else {
      next.push({ element: child, patterns: elementsNamed({ elements: matching, attributes: [], text: false }, name) });
    }
  }
  const childNames = new Set(children.map((c) => localName(c.name)));
  for (const name of intersect(patterns.map((p) => requiredNames(p.content, 'element', given)))) {
    if (!childNames.has(name)) found.push({ range: element.nameRange, message: `${label} needs a <${name}> element` });
  }

  checkText(
    element,
    patterns,
    particles.some((p) => p.text),
    allowedElements.length > 0,
    found,
  );
  return next;
}

function checkText(element: XmlElement, patterns: readonly ElementPattern[], textAllowed: boolean, hasElements: boolean, found: Explanation[]): void {
  const text = element.texts.map((t) => t.value).join('');
  if (text.trim() === '' || element.texts.length === 0) return;
  const range = { start: element.texts[0].range.start, end: element.texts[element.texts.length - 1].range.end };
  if (!textAllowed) {
    found.push({ range, message: `<${element.name}> may not contain text` });
    return;
  }
  if (hasElements) return; // mixed content: no value to judge
  const values = mergeValues(patterns.map((p) => enumerateValues(p.content)));
  if (!valueAllowed(values, text))
    found.push({ range, message: `value '${text.trim()}' is not valid in <${element.name}>: expected ${describeValues(values)}` });
}

function valueAllowed(values: ValueSet, value: string): boolean {
  if (values.values.includes(value) || values.values.includes(value.trim())) return true;
  if (!values.open) return false;
  if (values.data.length === 0) return true; // plain text
  return values.data.some((data) => dataAccepts(data, value));
}

function mergeValues(sets: readonly ValueSet[]): ValueSet {
  const merged: ValueSet = { values: [], open: false, data: [] };
  for (const set of sets) {
    for (const value of set.values) if (!merged.values.includes(value)) merged.values.push(value);
    merged.data.push(...set.data);
    merged.open ||= set.open;
  }
  // Text the grammar knows nothing about (no branch offers it) is not ours to judge.
  if (sets.length === 0) merged.open = true;
  return merged;
}

function givenAttributes(element: XmlElement): GivenAttributes {
  const given: Record<string, string> = {};
  for (const attribute of element.attributes) {
    if (attribute.value !== undefined && !isNamespaceDeclaration(attribute.name)) given[localName(attribute.name)] = attribute.value;
  }
  return given;
}

/** `<interface type='network'>`: the discriminating attribute helps to read the message. */
function describeTag(element: XmlElement, given: GivenAttributes): string {
  return given.type !== undefined ? `<${element.name} type='${given.type}'>` : `<${element.name}>`;
}

function isNamespaceDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xml:');
}

function didYouMean(name: string, candidates: readonly string[]): string {
  const close = closestNames(name, candidates, 2);
  return close.length > 0 ? ` (did you mean ${close.map((c) => `'${c}'`).join(' or ')}?)` : '';
}

function intersect(sets: readonly Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  return sets.slice(1).reduce((common, set) => new Set([...common].filter((n) => set.has(n))), sets[0]);
}
