import { maxChainRules, type FilterChainStatus, type FilterMatchStatus, type FilterParameterStatus } from '../../../protocol/src/messages';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { DomainInterface } from '../model/libvirtModel';
import { expandFilterChain, ipLearning, parseAccess, unresolvableVariables, type ChainRule, type FilterChain } from '../resolver/filterChain';
import { instantiationOrder } from '../resolver/filterRuleOrder';
import type { Provenance } from '../resolver/provenance';
import { notCheckedReason } from '../findings/notChecked';

/** An interface's filter chain for the status, and where its values come from (keys as in InterfaceStatus.filterChain). */
export interface ChainStatus {
  readonly status: FilterChainStatus;
  readonly origins: ReadonlyArray<readonly [string, Provenance]>;
}

/**
 * The chain an interface's `<filterref>` expands to when the domain starts: the binding's
 * parameters (virNWFilterBindingDefFormat: the interface's parameters and MAC), the filters in
 * libvirt's walk, the rules in its instantiation order with each variable's values, and the
 * error that stops the start (virNWFilterInstantiateFilterUpdate, nwfilter_gentech_driver.c).
 */
export function filterChainStatus(uri: string, iface: DomainInterface, index: WorkspaceIndex): ChainStatus | undefined {
  const ref = iface.filterRef;
  const name = ref?.filter;
  if (!ref || !name) return undefined;
  const chain = expandFilterChain(ref, index, iface.mac?.value);
  const origins: Array<readonly [string, Provenance]> = [];
  chain.filters.forEach((definition, at) => {
    const from: Provenance = {
      uri: definition.uri,
      range: definition.filter.name?.range ?? definition.filter.element.nameRange,
      level: 'filter',
      ownerName: definition.filter.name?.value,
    };
    if (at === 0) origins.push(['filter', from]);
    origins.push([`filter.${at}`, from]);
  });
  const parameters = bindingParameters(ref.parameters, iface.mac?.value);
  for (const parameter of ref.parameters) {
    const key = parameter.name && `filter.parameter.${parameter.name.value}`;
    if (key && parameter.value && !origins.some(([known]) => known === key)) origins.push([key, { uri, range: parameter.value.range, level: 'interface' }]);
  }
  const ordered = instantiationOrder(chain.rules);
  const learning = ipLearning(ref);
  const rules = ordered.slice(0, maxChainRules).map((one, at) => {
    const { rule } = one;
    origins.push([`filter.rule.${at}`, { uri: rule.uri, range: rule.rule.element.nameRange, level: 'filter', ownerName: rule.filter.name?.value }]);
    // Where each variable of this rule was given: the interface's filterref, or one in the chain.
    const used = new Set(rule.rule.variables.flatMap((access) => parseAccess(access.value)?.name ?? []));
    for (const [variable, given] of rule.origins) {
      if (!used.has(variable)) continue;
      const onInterface = given.uri === undefined;
      const from: Provenance = onInterface
        ? { uri, range: given.range, level: 'interface' }
        : { uri: given.uri ?? uri, range: given.range, level: 'filter', ownerName: filterNameAt(given.uri ?? '', index) };
      origins.push([`filter.rule.${at}.${variable}`, from]);
    }
    const protocol = rule.rule.element.children[0];
    return {
      filter: rule.filter.name?.value ?? '',
      depth: rule.depth,
      chain: one.chain,
      priority: one.priority,
      effectivePriority: one.effectivePriority,
      action: rule.rule.action?.value,
      direction: rule.rule.direction?.value,
      protocol: protocol?.name,
      match: protocol
        ? protocol.attributes.flatMap((attribute) => (attribute.value === undefined ? [] : [matchOf(attribute.name, attribute.value, rule, learning)]))
        : [],
    };
  });
  const status: FilterChainStatus = {
    filter: name.value,
    parameters,
    ipLearning: learning,
    filters: chain.filters.map((definition) => definition.filter.name?.value ?? ''),
    rules,
    totalRules: ordered.length,
    error: chainError(chain, ref, index),
  };
  return { status, origins };
}

/** The binding's `<parameter>`s: the interface's, then MAC unless given, by name (libvirt's hash table prints them sorted). */
function bindingParameters(written: NonNullable<DomainInterface['filterRef']>['parameters'], mac: string | undefined): FilterParameterStatus[] {
  const byName = new Map<string, string[]>();
  for (const parameter of written) {
    if (!parameter.name || !parameter.value) continue;
    byName.set(parameter.name.value, [...(byName.get(parameter.name.value) ?? []), parameter.value.value]);
  }
  const parameters: FilterParameterStatus[] = [...byName].map(([name, values]) => ({ name, values, given: 'interface' }));
  if (!byName.has('MAC')) parameters.push({ name: 'MAC', values: [mac ?? '(generated when the domain is defined)'], given: 'libvirt' });
  return parameters.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** An attribute of a rule's protocol element; a `$VARIABLE` with the values this rule gets (virNWFilterVarCombIter: one rule per value). */
function matchOf(name: string, written: string, rule: ChainRule, learning: string): FilterMatchStatus {
  if (!written.startsWith('$')) return { name, written };
  const access = parseAccess(written.slice(1));
  if (!access) return { name, written };
  const values = rule.variables.get(access.name);
  // A missing IP is learned from the guest's traffic (virNWFilterLearnIPAddress) unless learning is off.
  if (!values)
    return access.name === 'IP' && learning !== 'none'
      ? { name, written, values: [], missing: true, learned: true }
      : { name, written, values: [], missing: true };
  if (access.element === undefined) return { name, written, values };
  const value = values[access.element];
  return value === undefined ? { name, written, values: [], missing: true } : { name, written, values: [value] };
}

function filterNameAt(uri: string, index: WorkspaceIndex): string | undefined {
  const object = index.get(uri)?.object;
  return object?.kind === 'filter' ? object.name?.value : undefined;
}

/** libvirt's error when the domain starts, as the diagnostics say it (filterRules.ts). */
function chainError(chain: FilterChain, ref: NonNullable<DomainInterface['filterRef']>, index: WorkspaceIndex): string | undefined {
  if (chain.broken) {
    const unreadable = notCheckedReason(index);
    if (unreadable) return `Network filter '${chain.broken.name}' could not be checked: no file here defines it, and ${unreadable}`;
    return `internal error: referenced filter '${chain.broken.name}' is missing`;
  }
  const unresolved = unresolvableVariables(chain, ref);
  if (unresolved.length > 0)
    return `internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: ${unresolved.join(', ')}`;
  return undefined;
}
