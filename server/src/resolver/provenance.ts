import type { ValueLevel } from '../../../protocol/src/messages';
import type { TextRange } from '../parser/xmlTree';

export interface Provenance {
  readonly uri: string;
  readonly range: TextRange;
  readonly level: ValueLevel;
  /** The portgroup's or network's name, for "portgroup 'xyzzy' of network 'mynet'". */
  readonly ownerName?: string;
}

export interface Sourced<T> {
  readonly value: T;
  readonly from: Provenance;
}
