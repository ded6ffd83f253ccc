import type { FilterDefinition, WorkspaceIndex } from '../index/workspaceIndex';
import type { FilterRef, FilterRule, NetworkFilter } from '../model/libvirtModel';
import type { TextRange } from '../parser/xmlTree';

/** Where a variable's values were given: a `<parameter>` of the interface's filterref (uri undefined) or of a filterref in a filter. */
export interface VariableOrigin {
  readonly uri: string | undefined;
  readonly range: TextRange;
}

/** A rule of the expanded chain, with the filter it comes from and the values its variables get. */
export interface ChainRule {
  readonly uri: string;
  readonly filter: NetworkFilter;
  readonly rule: FilterRule;
  /** Depth in the chain: 0 for the filter the interface names. */
  readonly depth: number;
  readonly variables: ReadonlyMap<string, readonly string[]>;
  /** Where each of `variables` was given (absent: libvirt gives it, as MAC). */
  readonly origins: ReadonlyMap<string, VariableOrigin>;
}

/** A `<filterref>` in the chain that names a filter nothing defines. */
export interface BrokenLink {
  readonly name: string;
  /** Where the reference is: the filter document holding it (undefined: on the interface itself). */
  readonly uri: string | undefined;
  readonly ref: FilterRef;
}

export interface FilterChain {
  /** The filters visited, in libvirt's depth-first order. */
  readonly filters: readonly FilterDefinition[];
  readonly rules: readonly ChainRule[];
  /** The first missing filter, where libvirt stops (virNWFilterObjListFindInstantiateFilter). */
  readonly broken?: BrokenLink;
  /** Every variable access the rules make that the chain gives no value (as libvirt prints it: `DEST`, `IP[1]`). */
  readonly missingVariables: ReadonlySet<string>;
  /** Every variable name the rules use, in order of first use. */
  readonly usedVariables: readonly string[];
}

/** The variables libvirt always gives a filter binding (virNWFilterInstantiateFilterUpdate: MAC). */
const standardVariables = ['MAC'];

/**
 * The chain an interface's `<filterref>` expands to when the domain starts, as libvirt walks it
 * (virNWFilterDetermineMissingVarsRec and virNWFilterDefToInst, nwfilter_gentech_driver.c):
 * depth first, rules and filterrefs in document order. A referenced filter gets the filterref's
 * parameters overridden by the caller's variables (virNWFilterCreateVarsFrom(inc->params, vars):
 * the second table wins). A filter met again on the way down ends that branch (libvirt refuses to
 * define such a loop, so it never walks one).
 */
export function expandFilterChain(ref: FilterRef, index: WorkspaceIndex, mac?: string): FilterChain {
  const walk = new ChainWalk(index);
  const variables = parameterValues(ref, undefined);
  for (const name of standardVariables) if (!variables.has(name)) variables.set(name, { values: [mac ?? '(the interface MAC)'] });
  walk.include(ref, undefined, variables, [], 0);
  return { filters: walk.filters, rules: walk.rules, broken: walk.broken, missingVariables: walk.missing, usedVariables: [...walk.used] };
}

class ChainWalk {
  readonly filters: FilterDefinition[] = [];
  readonly rules: ChainRule[] = [];
  readonly missing = new Set<string>();
  readonly used = new Set<string>();
  broken: BrokenLink | undefined;

  constructor(private readonly index: WorkspaceIndex) {}

  include(ref: FilterRef, refUri: string | undefined, variables: ReadonlyMap<string, ChainValue>, stack: readonly string[], depth: number): void {
    const name = ref.filter?.value;
    if (name === undefined || this.broken || stack.includes(name)) return;
    const definition = this.index.filter(name);
    if (!definition) {
      this.broken = { name, uri: refUri, ref };
      return;
    }
    this.filters.push(definition);
    for (const entry of definition.filter.entries) {
      if (this.broken) return;
      if (entry.kind === 'rule') this.rule(definition, entry.rule, variables, depth);
      else this.include(entry.ref, definition.uri, mergedVariables(entry.ref, definition.uri, variables), [...stack, name], depth + 1);
    }
  }

  private rule(definition: FilterDefinition, rule: FilterRule, variables: ReadonlyMap<string, ChainValue>, depth: number): void {
    const values = new Map<string, readonly string[]>();
    const origins = new Map<string, VariableOrigin>();
    for (const [name, value] of variables) {
      values.set(name, value.values);
      if (value.origin) origins.set(name, value.origin);
    }
    this.rules.push({ uri: definition.uri, filter: definition.filter, rule, depth, variables: values, origins });
    for (const access of rule.variables) {
      const parsed = parseAccess(access.value);
      if (!parsed) continue;
      this.used.add(parsed.name);
      if (!isAvailable(parsed, values)) this.missing.add(access.value);
    }
  }
}

/** A variable's values in the walk, and the first `<parameter>` that gave one. */
interface ChainValue {
  readonly values: readonly string[];
  readonly origin?: VariableOrigin;
}

/** A filterref's parameters as libvirt's table: a name given more than once is a list. */
function parameterValues(ref: FilterRef, uri: string | undefined): Map<string, ChainValue> {
  const values = new Map<string, ChainValue>();
  for (const parameter of ref.parameters) {
    if (!parameter.name || !parameter.value) continue;
    const known = values.get(parameter.name.value);
    const origin = known?.origin ?? { uri, range: parameter.value.range };
    values.set(parameter.name.value, { values: [...(known?.values ?? []), parameter.value.value], origin });
  }
  return values;
}

function mergedVariables(ref: FilterRef, uri: string, callers: ReadonlyMap<string, ChainValue>): Map<string, ChainValue> {
  return new Map<string, ChainValue>([...parameterValues(ref, uri), ...callers]);
}

interface VariableAccess {
  readonly name: string;
  /** `$NAME[3]`: the fourth value is needed. */
  readonly element?: number;
}

/** virNWFilterVarAccessParse: `NAME`, `NAME[n]` or `NAME[@n]` (an iterator: any value will do). */
export function parseAccess(text: string): VariableAccess | undefined {
  const match = /^([A-Za-z0-9_]+)(?:\[(@?)(\d+)\])?$/.exec(text);
  if (!match) return undefined;
  const element = match[3] !== undefined && match[2] === '' ? Number(match[3]) : undefined;
  return { name: match[1], element };
}

/** virNWFilterVarAccessIsAvailable. */
function isAvailable(access: VariableAccess, variables: ReadonlyMap<string, readonly string[]>): boolean {
  const values = variables.get(access.name);
  if (!values) return false;
  return access.element === undefined || access.element < values.length;
}

/**
 * The variables libvirt refuses to start without (virNWFilterDoInstantiate): none when only IP
 * is missing and libvirt may learn it (CTRL_IP_LEARNING any or dhcp, 'any' by default); IP itself
 * when learning is 'none'; otherwise every missing one but IP. Sorted: libvirt prints them in its
 * hash table's order.
 */
export function unresolvableVariables(chain: FilterChain, ref: FilterRef): string[] {
  const missing = [...chain.missingVariables];
  const learning = ipLearning(ref);
  if (missing.length === 1 && missing[0] === 'IP') return learning === 'none' ? ['IP'] : [];
  return missing.filter((name) => name !== 'IP' && name !== 'MAC').sort();
}

/** CTRL_IP_LEARNING as the interface gives it: 'any' (the default), 'dhcp' or 'none' (virNWFilterInstantiateFilterUpdate). */
export function ipLearning(ref: FilterRef): string {
  return (parameterValues(ref, undefined).get('CTRL_IP_LEARNING')?.values[0] ?? 'any').toLowerCase();
}
