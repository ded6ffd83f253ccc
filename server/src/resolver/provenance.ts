import type { TextRange } from '../parser/xmlTree';

/**
 * Where a resolved value was written: the interface itself, the portgroup used, or the network.
 * The wire contract (protocol.ts, `ValueLevel`) names this same union.
 */
export type Level = 'interface' | 'portgroup' | 'network';

export interface Provenance {
  readonly uri: string;
  readonly range: TextRange;
  readonly level: Level;
  /** The portgroup's or network's name, for "portgroup 'xyzzy' of network 'mynet'". */
  readonly ownerName?: string;
}

export interface Sourced<T> {
  readonly value: T;
  readonly from: Provenance;
}
