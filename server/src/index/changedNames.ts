import type { IndexChange } from './workspaceIndex';

/**
 * What several updates of the index changed, collected: the names of the networks, pools and
 * filters they touched. It has no edit scope (`networkEdits`): every dependant of a collected
 * network is checked again.
 */
export type ChangedNames = { readonly [K in Exclude<keyof IndexChange, 'networkEdits'>]: Set<string> };

/** A collection that holds nothing yet (and, as it is, a change that touches nothing). */
export function noChangedNames(): ChangedNames {
  return { networkNames: new Set(), poolNames: new Set(), filterNames: new Set() };
}

/** Adds what one update of the index changed to a collection. */
export function addChangedNames(into: ChangedNames, change: IndexChange | undefined): void {
  if (!change) return;
  for (const name of change.networkNames) into.networkNames.add(name);
  for (const name of change.poolNames) into.poolNames.add(name);
  for (const name of change.filterNames) into.filterNames.add(name);
}

/** Whether a change touched no network, pool or filter name. */
export function touchesNoName(change: IndexChange): boolean {
  return change.networkNames.size === 0 && change.poolNames.size === 0 && change.filterNames.size === 0;
}
