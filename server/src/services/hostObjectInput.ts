import type { HostObjectNode } from '../../../protocol/src/libvirtTree';

/** A network, domain or pool a connection defines, as the edge read it: where the index holds it, and its state. */
export interface HostObjectInput {
  readonly uri: string;
  readonly uuid: string;
  readonly name: string;
  readonly runState: string;
  readonly autostart: boolean;
  readonly persistent: boolean;
}

/** What the view shows of a network or a pool before what the index answers: its name, where it is, and its state. */
export function hostObjectNode(input: HostObjectInput): HostObjectNode {
  const { name, uri, uuid, autostart, persistent } = input;
  return { name, uri, uuid, state: input.runState === 'active' ? 'active' : 'inactive', autostart, persistent };
}

/** Sorted by name, as `virsh list`, `net-list`, `pool-list` and `vol-list` do (ties by code unit, for a stable order). */
export function sortedByName<T extends { readonly name: string }>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
