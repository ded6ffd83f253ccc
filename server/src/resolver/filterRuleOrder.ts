import { findAttribute } from '../parser/xmlQueries';
import type { NetworkFilter } from '../model/libvirtModel';
import type { ChainRule } from './filterChain';

/*
 * The order in which libvirt instantiates the rules of an interface's filter chain. The walk
 * (virNWFilterDefToInst → virNWFilterIncludeDefToRuleInst, nwfilter_gentech_driver.c) collects
 * rules and included filters' rules in document order, each with its own priority and its
 * filter's chain and chain priority (virNWFilterRuleDefToRuleInst). ebiptablesApplyNewRules
 * (nwfilter_ebiptables_driver.c) then raises a rule of a non-root chain to its chain's priority
 * when that is higher, and sorts with virNWFilterRuleInstSort: the root chain's rules first, then
 * by priority. glibc's qsort (a merge sort on Debian 12's glibc 2.36) keeps equal priorities in
 * the walk's order. Each rule is appended to its chain in that order; a non-root chain is reached
 * from the root chain by a jump placed at the chain's priority.
 */

/** A rule's priority when it gives none (virNWFilterRuleParse: MAX_RULE_PRIORITY / 2). */
export const defaultRulePriority = 500;

/** A chain's priority when the filter gives none, by the chain name's prefix (nwfilter_conf.c chain_priorities). */
const chainPriorities: ReadonlyArray<readonly [string, number]> = [
  ['root', 0],
  ['mac', -800],
  ['vlan', -750],
  ['ipv4', -700],
  ['ipv6', -600],
  ['arp', -500],
  ['rarp', -400],
];

export interface OrderedRule {
  readonly rule: ChainRule;
  /** The filter's chain (`root` when it names none). */
  readonly chain: string;
  /** The rule's priority as written (or 500). */
  readonly priority: number;
  /** The priority libvirt sorts by: raised to the chain's priority in a non-root chain. */
  readonly effectivePriority: number;
  readonly chainPriority: number;
}

/** The chain's rules in libvirt's instantiation order. */
export function instantiationOrder(rules: readonly ChainRule[]): OrderedRule[] {
  const ordered = rules.map((rule) => {
    const chain = rule.filter.chain?.value ?? 'root';
    const chainPriority = filterChainPriority(rule.filter);
    const priority = integerOr(findAttribute(rule.rule.element, 'priority')?.value, defaultRulePriority);
    // `!strstr("root", chainSuffix)`: any chain but root (and its substrings) is raised.
    const raised = chainPriority > priority && !'root'.includes(chain);
    return { rule, chain, priority, chainPriority, effectivePriority: raised ? chainPriority : priority };
  });
  // Array.prototype.sort is stable, as glibc's merge sort is.
  return ordered.sort((a, b) => {
    const rootA = a.chain === 'root';
    const rootB = b.chain === 'root';
    if (rootA !== rootB) return rootA ? -1 : 1;
    return a.effectivePriority - b.effectivePriority;
  });
}

/** virNWFilterDefParseXML: the filter's `priority`, else the default of its chain's prefix, else 0. */
export function filterChainPriority(filter: NetworkFilter): number {
  const written = filter.priority?.value;
  if (written !== undefined) return integerOr(written, 0);
  const chain = filter.chain?.value ?? 'root';
  return chainPriorities.find(([prefix]) => chain.startsWith(prefix))?.[1] ?? 0;
}

function integerOr(text: string | undefined, fallback: number): number {
  if (text === undefined || !/^\s*[-+]?\d+\s*$/.test(text)) return fallback;
  return Number(text);
}
