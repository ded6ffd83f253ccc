import type { LineIndex } from '../util/lineIndex';
import type { LibvirtObject } from './libvirtModel';

/**
 * What every form of a libvirt file carries, open (a LibvirtDocument) or only indexed (an
 * IndexedFile): where it is, its line starts (so ranges turn into positions), and its model.
 */
export interface ModelledFile {
  readonly uri: string;
  readonly version: number;
  readonly lines: LineIndex;
  /** Undefined when the root is not a libvirt object this tool understands. */
  readonly object: LibvirtObject | undefined;
}
