/**
 * Schema-driven completion and hover: element names allowed at the cursor, attributes allowed on
 * an element, enumerated values, each with what the schema says of it. A pure function of the
 * loaded grammars and an element path; the services layer turns the answers into LSP items.
 */
import { attributesNamed, enumerateValues, particlesOf, requiredNames, type ValueSet } from './grammar/contentModel';
import { elementPatternsAt } from './grammar/elementPath';
import { localName, type AttributePattern, type ElementPattern } from './grammar/rngPattern';
import { code, describeNames, describeValues } from './grammar/schemaDocs';
import type { SchemaGrammar, SchemaGrammars } from './grammar/schemaGrammars';
import { stepAttributes, stepName, type PathStep, type SchemaCompletion, type SchemaCompletionKind } from './schemaTypes';

/**
 * `path`: element names (optionally with the attributes already written) from the root to the
 * element the cursor is in. For 'element', the names that may appear inside that element (with
 * an empty path: the root), and the enumerated text values its content takes; for 'attribute', the attributes of that element; for 'value', the
 * values of `attributeName` on it, or of its text content when no attribute is named.
 */
export function schemaCompletions(
  grammars: SchemaGrammars,
  rootName: string,
  path: readonly PathStep[],
  kind: SchemaCompletionKind,
  attributeName?: string,
): SchemaCompletion[] {
  const grammar = grammars.grammar(rootName);
  if (!grammar) return [];
  if (kind === 'element') return elementCompletions(grammar, path);
  const elements = elementPatternsAt(grammar, path);
  const given = path.length > 0 ? stepAttributes(path[path.length - 1]) : {};
  if (kind === 'attribute') return attributeCompletions(elements, given);
  return valueCompletions(elements, given, attributeName);
}

function elementCompletions(grammar: SchemaGrammar, path: readonly PathStep[]): SchemaCompletion[] {
  if (path.length === 0) {
    return namedOnly(particlesOf(grammar.start).elements).map((e) => ({ label: e.name, kind: 'element', documentation: describeElement([e.pattern], {}) }));
  }
  const parents = elementPatternsAt(grammar, path);
  const given = stepAttributes(path[path.length - 1]);
  const byName = new Map<string, ElementPattern[]>();
  const required = intersectAll(parents.map((p) => requiredNames(p.content, 'element', given)));
  for (const parent of parents) {
    for (const { name, pattern } of namedOnly(particlesOf(parent.content, given).elements)) {
      byName.set(name, [...(byName.get(name) ?? []), pattern]);
    }
  }
  const elements: SchemaCompletion[] = [...byName].map(([name, patterns]) => ({
    label: name,
    kind: 'element',
    detail: required.has(name) ? 'required element' : undefined,
    documentation: patterns.find((p) => p.documentation)?.documentation ?? describeElement(patterns, {}),
  }));
  // In content, enumerated text is as much "what can be typed here" as elements (<on_poweroff>).
  return [...elements, ...valueCompletions(parents, given, undefined)];
}

function attributeCompletions(elements: readonly ElementPattern[], given: Readonly<Record<string, string>>): SchemaCompletion[] {
  const required = intersectAll(elements.map((e) => requiredNames(e.content, 'attribute', given)));
  const byName = new Map<string, AttributePattern[]>();
  for (const element of elements) {
    for (const { name, pattern } of namedOnly(particlesOf(element.content, given).attributes)) {
      byName.set(name, [...(byName.get(name) ?? []), pattern]);
    }
  }
  return [...byName].map(([name, patterns]) => {
    const values = mergedValues(patterns);
    return {
      label: name,
      kind: 'attribute',
      required: required.has(name),
      detail: required.has(name) ? 'required' : 'optional',
      documentation: patterns.find((p) => p.documentation)?.documentation ?? `${code(name)}: ${describeValues(values)}`,
    };
  });
}

function valueCompletions(elements: readonly ElementPattern[], given: Readonly<Record<string, string>>, attributeName: string | undefined): SchemaCompletion[] {
  let values: ValueSet;
  if (attributeName === undefined) {
    values = mergedValues(elements);
  } else {
    const patterns = elements.flatMap((element) => attributesNamed(particlesOf(element.content, given, attributeName), localName(attributeName)));
    values = mergedValues(patterns);
  }
  const datatypes = values.data.length > 0 ? describeValues({ values: [], open: true, data: values.data }) : undefined;
  return values.values.filter((value) => value !== '').map((value) => ({ label: value, kind: 'value', detail: datatypes ? `or ${datatypes}` : undefined }));
}

/** Union of the values several patterns (alternatives of one attribute) accept. */
function mergedValues(patterns: readonly { readonly content: ElementPattern['content'] }[]): ValueSet {
  const merged: ValueSet = { values: [], open: false, data: [] };
  for (const pattern of patterns) {
    const values = enumerateValues(pattern.content);
    for (const value of values.values) if (!merged.values.includes(value)) merged.values.push(value);
    merged.data.push(...values.data);
    merged.open ||= values.open;
  }
  return merged;
}

/** What the schema says of an element or one of its attributes, as markdown; undefined if nothing. */
export function schemaHover(
  grammars: SchemaGrammars,
  rootName: string,
  path: readonly PathStep[],
  target: { readonly kind: 'element' } | { readonly kind: 'attribute'; readonly name: string },
): string | undefined {
  const grammar = grammars.grammar(rootName);
  if (!grammar || path.length === 0) return undefined;
  const elements = elementPatternsAt(grammar, path);
  if (elements.length === 0) return undefined;
  const given = stepAttributes(path[path.length - 1]);
  const source = `*libvirt schema ${grammar.schemaFile}*`;
  const elementName = localName(stepName(path[path.length - 1]));
  if (target.kind === 'element') {
    const doc = elements.find((e) => e.documentation)?.documentation;
    return [`**<${elementName}>**: ${source}`, doc, describeElement(elements, given)].filter(Boolean).join('\n\n');
  }
  const patterns = elements.flatMap((e) => attributesNamed(particlesOf(e.content, given, target.name), localName(target.name)));
  if (patterns.length === 0) return `**${target.name}** is not an attribute of <${elementName}> in ${source}`;
  const required = intersectAll(elements.map((e) => requiredNames(e.content, 'attribute', given))).has(target.name);
  const doc = patterns.find((p) => p.documentation)?.documentation;
  return [
    `**${target.name}** on <${elementName}> (${required ? 'required' : 'optional'}): ${source}`,
    doc,
    `Allowed: ${describeValues(mergedValues(patterns))}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Attributes, children and text an element allows, one paragraph each. */
function describeElement(elements: readonly ElementPattern[], given: Readonly<Record<string, string>>): string {
  const attributes = new Set<string>();
  const children = new Set<string>();
  let text = false;
  for (const element of elements) {
    const particles = particlesOf(element.content, given);
    for (const { name } of namedOnly(particles.attributes)) attributes.add(name);
    for (const { name } of namedOnly(particles.elements)) children.add(name);
    text ||= particles.text && particles.elements.length === 0;
  }
  const requiredAttributes = intersectAll(elements.map((e) => requiredNames(e.content, 'attribute', given)));
  const requiredChildren = intersectAll(elements.map((e) => requiredNames(e.content, 'element', given)));
  const parts = [
    describeNames('Attributes', [...attributes], requiredAttributes, code),
    describeNames('Children', [...children], requiredChildren, (n) => code(`<${n}>`)),
    text ? `Text: ${describeValues(mergedValues(elements))}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join('\n\n') : 'Empty element';
}

function namedOnly<T extends ElementPattern | AttributePattern>(patterns: readonly T[]): { name: string; pattern: T }[] {
  const result: { name: string; pattern: T }[] = [];
  for (const pattern of patterns) {
    if (pattern.name.kind !== 'names') continue; // `<anyName/>` (custom metadata) has nothing to offer
    for (const name of pattern.name.names) result.push({ name, pattern });
  }
  return result;
}

function intersectAll(sets: readonly Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  return sets.slice(1).reduce((common, set) => new Set([...common].filter((n) => set.has(n))), sets[0]);
}
