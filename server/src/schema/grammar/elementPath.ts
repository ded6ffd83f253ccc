/**
 * From an element path (root first) to the schema's element patterns for the last element.
 * Several patterns may match one name (libvirt defines `<source>` once per interface type);
 * attributes written on each step narrow the alternatives.
 */
import { stepAttributes, stepName, type PathStep } from '../schemaTypes';
import { elementsNamed, particlesOf } from './contentModel';
import { localName, type ElementPattern } from './rngPattern';
import type { SchemaGrammar } from './schemaGrammars';

export function elementPatternsAt(grammar: SchemaGrammar, path: readonly PathStep[]): ElementPattern[] {
  if (path.length === 0) return [];
  let candidates = elementsNamed(particlesOf(grammar.start), localName(stepName(path[0])));
  for (let i = 1; i < path.length && candidates.length > 0; i++) {
    const given = stepAttributes(path[i - 1]);
    const next = new Set<ElementPattern>();
    for (const candidate of candidates) {
      for (const element of elementsNamed(particlesOf(candidate.content, given), localName(stepName(path[i])))) next.add(element);
    }
    candidates = [...next];
  }
  return candidates;
}
