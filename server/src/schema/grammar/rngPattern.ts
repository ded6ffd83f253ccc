/**
 * A simplified RelaxNG pattern tree: enough to answer "which elements, attributes and values can
 * stand here" for completion, hover and pinpointing libxml2's coarse errors. Namespaces are
 * reduced to local names and datatypes to their name and facets; libxml2 stays the judge of
 * validity.
 */

export type NameClass = { readonly kind: 'names'; readonly names: readonly string[] } | { readonly kind: 'any'; readonly except: readonly string[] };

/** A grammar's named patterns; nested `<grammar>`s get their own scope with a parent. */
export interface Scope {
  readonly defines: Map<string, Pattern>;
  readonly parent: Scope | undefined;
}

/** Key of a grammar's `<start>` among its defines (cannot clash: not an NCName). */
export const startKey = '#start';

export interface ElementPattern {
  readonly kind: 'element';
  readonly name: NameClass;
  readonly content: Pattern;
  readonly documentation?: string;
}

export interface AttributePattern {
  readonly kind: 'attribute';
  readonly name: NameClass;
  readonly content: Pattern;
  readonly documentation?: string;
}

export interface DataPattern {
  readonly kind: 'data';
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export type Pattern =
  | ElementPattern
  | AttributePattern
  | DataPattern
  | { readonly kind: 'choice' | 'group' | 'interleave'; readonly children: readonly Pattern[] }
  | { readonly kind: 'optional' | 'zeroOrMore' | 'oneOrMore' | 'mixed' | 'list'; readonly child: Pattern }
  | { readonly kind: 'ref'; readonly name: string; readonly scope: Scope }
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'text' | 'empty' | 'notAllowed' };

export function nameMatches(nameClass: NameClass, localName: string): boolean {
  return nameClass.kind === 'names' ? nameClass.names.includes(localName) : !nameClass.except.includes(localName);
}

/** `qemu:commandline` → `commandline`: the simplified model compares local names. */
export function localName(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(':');
  return colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1);
}

export function resolveRef(pattern: { readonly name: string; readonly scope: Scope }): Pattern | undefined {
  return pattern.scope.defines.get(pattern.name);
}
