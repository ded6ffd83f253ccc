/**
 * The libvirt objects that other documents name and that are defined on their own: networks,
 * storage pools and their volumes, network filters. `check` indexes these before it checks any
 * domain; the host's folders feed the index only these.
 */
const definitionKinds: ReadonlySet<string> = new Set(['network', 'pool', 'volume', 'filter']);

export function isDefinition(kind: string | undefined): boolean {
  return kind !== undefined && definitionKinds.has(kind);
}
