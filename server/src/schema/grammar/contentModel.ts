/**
 * Questions asked of the simplified grammar: which elements and attributes an element's content
 * allows, which values an attribute takes, what is required. Alternatives (`<choice>`) that
 * contradict attributes already written are set aside, so `<interface type='network'>` offers
 * what the network branch allows, not the union of every interface type.
 */
import { nameMatches, resolveRef, type AttributePattern, type DataPattern, type ElementPattern, type Pattern } from './rngPattern';

export type GivenAttributes = Readonly<Record<string, string>>;

export interface Particles {
  readonly elements: ElementPattern[];
  readonly attributes: AttributePattern[];
  /** True when character data may appear (text, data, value, mixed). */
  text: boolean;
}

/**
 * The element and attribute patterns an element's content offers directly (not those of nested
 * elements), with alternatives pruned against the attributes given. `except` names an attribute
 * not to prune by: when completing the value of `type`, every branch's `type` counts.
 */
export function particlesOf(content: Pattern, given: GivenAttributes = {}, except?: string): Particles {
  const result: Particles = { elements: [], attributes: [], text: false };
  const seen = new Set<Pattern>();
  const walk = (pattern: Pattern): void => {
    switch (pattern.kind) {
      case 'element':
        result.elements.push(pattern);
        return;
      case 'attribute':
        result.attributes.push(pattern);
        return;
      case 'choice':
        for (const alternative of compatibleAlternatives(pattern.children, given, except)) walk(alternative);
        return;
      case 'group':
      case 'interleave':
        for (const child of pattern.children) walk(child);
        return;
      case 'mixed':
        result.text = true;
        walk(pattern.child);
        return;
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
        walk(pattern.child);
        return;
      case 'ref': {
        const target = resolveRef(pattern);
        // A define reached twice yields the same particles: walking it once keeps this linear.
        if (target && !seen.has(target)) {
          seen.add(target);
          walk(target);
        }
        return;
      }
      case 'text':
      case 'data':
      case 'value':
      case 'list':
        result.text = true;
        return;
      case 'empty':
      case 'notAllowed':
        return;
    }
  };
  walk(content);
  return result;
}

/** Alternatives whose required, enumerated attributes agree with those given (all when none do). */
function compatibleAlternatives(alternatives: readonly Pattern[], given: GivenAttributes, except?: string): readonly Pattern[] {
  if (Object.keys(given).length === 0) return alternatives;
  const kept = alternatives.filter((alternative) => {
    for (const [name, values] of requiredAttributeValues(alternative)) {
      if (name === except) continue;
      const value = given[name];
      if (value !== undefined && values !== undefined && !values.has(value)) return false;
    }
    return true;
  });
  return kept.length > 0 ? kept : alternatives;
}

const requiredValuesMemo = new WeakMap<Pattern, Map<string, Set<string> | undefined>>();

/**
 * Attributes an alternative requires outright, with their value set when it is closed
 * (undefined when any text would do). Only what holds in every match is collected: attributes
 * under `<optional>` or inside a nested `<choice>` do not discriminate.
 */
function requiredAttributeValues(pattern: Pattern): Map<string, Set<string> | undefined> {
  const memo = requiredValuesMemo.get(pattern);
  if (memo) return memo;
  const result = new Map<string, Set<string> | undefined>();
  const stack = new Set<Pattern>();
  const walk = (p: Pattern): void => {
    switch (p.kind) {
      case 'attribute':
        if (p.name.kind === 'names' && p.name.names.length === 1) {
          const values = enumerateValues(p.content);
          result.set(p.name.names[0], values.open ? undefined : new Set(values.values));
        }
        return;
      case 'group':
      case 'interleave':
        for (const child of p.children) walk(child);
        return;
      case 'oneOrMore':
        walk(p.child);
        return;
      case 'ref':
        walkReference(p, stack, walk);
        return;
      default:
        return;
    }
  };
  walk(pattern);
  requiredValuesMemo.set(pattern, result);
  return result;
}

export interface ValueSet {
  /** The enumerated values (`<value>`), in schema order, without duplicates. */
  readonly values: string[];
  /** True when something other than the enumeration is accepted too (a datatype, any text). */
  open: boolean;
  /** The datatypes accepted, with their facets. */
  readonly data: DataPattern[];
}

const valuesMemo = new WeakMap<Pattern, ValueSet>();

/** What text an attribute's (or a text-only element's) content accepts. */
export function enumerateValues(content: Pattern): ValueSet {
  const memo = valuesMemo.get(content);
  if (memo) return memo;
  const result: ValueSet = { values: [], open: false, data: [] };
  const stack = new Set<Pattern>();
  const walk = (p: Pattern): void => {
    switch (p.kind) {
      case 'value':
        if (!result.values.includes(p.value)) result.values.push(p.value);
        return;
      case 'data':
        result.open = true;
        result.data.push(p);
        return;
      case 'text':
      case 'list':
      case 'mixed':
        result.open = true;
        return;
      case 'empty':
        if (!result.values.includes('')) result.values.push('');
        return;
      case 'choice':
      case 'group':
      case 'interleave':
        for (const child of p.children) walk(child);
        return;
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
        walk(p.child);
        return;
      case 'ref':
        walkReference(p, stack, walk);
        return;
      default:
        return;
    }
  };
  walk(content);
  valuesMemo.set(content, result);
  return result;
}

/**
 * Names of the elements (or attributes) every match of the content must have: union through
 * groups, intersection across the (compatible) alternatives of a choice.
 */
export function requiredNames(content: Pattern, kind: 'element' | 'attribute', given: GivenAttributes = {}): Set<string> {
  const stack = new Set<Pattern>();
  const walk = (p: Pattern): Set<string> => {
    switch (p.kind) {
      case 'element':
      case 'attribute':
        return p.kind === kind && p.name.kind === 'names' && p.name.names.length === 1 ? new Set(p.name.names) : new Set();
      case 'group':
      case 'interleave': {
        const union = new Set<string>();
        for (const child of p.children) for (const name of walk(child)) union.add(name);
        return union;
      }
      case 'choice': {
        let common: Set<string> | undefined;
        for (const alternative of compatibleAlternatives(p.children, given)) {
          const names = walk(alternative);
          common = common ? new Set([...common].filter((n) => names.has(n))) : names;
        }
        return common ?? new Set();
      }
      case 'oneOrMore':
      case 'mixed':
        return walk(p.child);
      case 'ref': {
        const target = resolveRef(p);
        if (!target || stack.has(target)) return new Set();
        stack.add(target);
        const names = walk(target);
        stack.delete(target);
        return names;
      }
      default:
        return new Set();
    }
  };
  return walk(content);
}

/** The element patterns (of several alternatives, possibly) that a name matches among particles. */
export function elementsNamed(particles: Particles, name: string): ElementPattern[] {
  return particles.elements.filter((element) => nameMatches(element.name, name));
}

export function attributesNamed(particles: Particles, name: string): AttributePattern[] {
  return particles.attributes.filter((attribute) => nameMatches(attribute.name, name));
}

/**
 * Follows a `<ref>` into its define, unless that define is already being walked on this path:
 * libvirt's schemas are recursive, and a walk must end.
 */
function walkReference(ref: Extract<Pattern, { kind: 'ref' }>, stack: Set<Pattern>, walk: (p: Pattern) => void): void {
  const target = resolveRef(ref);
  if (!target || stack.has(target)) return;
  stack.add(target);
  walk(target);
  stack.delete(target);
}
