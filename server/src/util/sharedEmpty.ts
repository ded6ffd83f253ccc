/** One empty list for every model value that has no items: an empty array costs 32 bytes each. */
const noItems: readonly never[] = Object.freeze([]);

/** The list, or the shared empty one when it has no items. */
export function orNone<T>(items: readonly T[]): readonly T[] {
  return items.length === 0 ? noItems : items;
}
