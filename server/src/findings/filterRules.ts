import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { Domain, FilterRef, NetworkFilter } from '../model/libvirtModel';
import type { ModelledFile } from '../model/modelledFile';
import { expandFilterChain, unresolvableVariables } from '../resolver/filterChain';
import { closestNames } from '../util/closestNames';
import { notCheckedReason } from './notChecked';

/**
 * What libvirt checks of an interface's `<filterref>` when the domain starts
 * (virNWFilterInstantiateFilterUpdate → virNWFilterDoInstantiate, nwfilter_gentech_driver.c):
 * every filter of the chain exists (virNWFilterObjListFindInstantiateFilter), then every variable
 * the chain's rules use has a value (virNWFilterDetermineMissingVarsRec).
 */
export function interfaceFilterFindings(document: ModelledFile, domain: Domain, index: WorkspaceIndex): Finding[] {
  const findings = new FindingList(document.uri);
  for (const iface of domain.interfaces) if (iface.filterRef) checkInterfaceFilter(findings, iface.filterRef, index);
  return findings.items;
}

function checkInterfaceFilter(findings: FindingList, ref: FilterRef, index: WorkspaceIndex): void {
  const name = ref.filter;
  if (!name) return; // the schema says the attribute is missing
  const chain = expandFilterChain(ref, index);
  const broken = chain.broken;
  if (broken) {
    const unreadable = notCheckedReason(index);
    if (unreadable) {
      findings.add(
        name.range,
        'warning',
        'filter-not-checked',
        `Network filter '${broken.name}' could not be checked: no file here defines it, and ${unreadable}`,
      );
      return;
    }
    const onInterface = broken.uri === undefined;
    const suggestions = onInterface ? closestNames(broken.name, index.filterNames()) : [];
    const related =
      broken.uri !== undefined && broken.ref.filter
        ? [{ uri: broken.uri, range: broken.ref.filter.range, message: `filter '${broken.name}' is referenced here` }]
        : undefined;
    findings.add(
      name.range,
      'error',
      onInterface ? 'unknown-filter' : 'filter-chain-broken',
      `internal error: referenced filter '${broken.name}' is missing${suggestions.length > 0 ? ` (did you mean '${suggestions[0]}'?)` : ''}`,
      related,
      suggestions,
    );
    return;
  }
  const unresolved = unresolvableVariables(chain, ref);
  if (unresolved.length > 0) {
    findings.add(
      name.range,
      'error',
      'filter-missing-parameter',
      `internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: ${unresolved.join(', ')}`,
    );
  }
}

/**
 * A filter document's references: one that leads back to the filter itself is refused when it is
 * defined (virNWFilterObjListDefLoopDetect, virnwfilterobj.c); one to a filter nothing defines is
 * accepted, but a domain using the chain will not start.
 */
export function filterDocumentFindings(document: ModelledFile, filter: NetworkFilter, index: WorkspaceIndex): Finding[] {
  const findings = new FindingList(document.uri);
  const ownName = filter.name?.value;
  for (const entry of filter.entries) {
    const target = entry.kind === 'filterref' ? entry.ref.filter : undefined;
    if (!target) continue;
    if (ownName !== undefined && leadsBack(target.value, ownName, index, new Set())) {
      findings.add(target.range, 'error', 'filter-loop', 'operation failed: filter would introduce a loop');
    } else if (!index.filter(target.value) && !notCheckedReason(index)) {
      const suggestions = closestNames(target.value, index.filterNames());
      findings.add(
        target.range,
        'warning',
        'unknown-filter',
        `internal error: referenced filter '${target.value}' is missing (when a domain using this filter starts)`,
        undefined,
        suggestions,
      );
    }
  }
  return findings.items;
}

/** _virNWFilterObjListDefLoopDetect: whether `from` is `to` or reaches it through defined filters. */
function leadsBack(from: string, to: string, index: WorkspaceIndex, seen: Set<string>): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const definition = index.filter(from);
  if (!definition) return false;
  return definition.filter.entries.some(
    (entry) => entry.kind === 'filterref' && entry.ref.filter !== undefined && leadsBack(entry.ref.filter.value, to, index, seen),
  );
}
