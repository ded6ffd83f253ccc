import { setFlagsFromString } from 'node:v8';
import { garbageCollector, keepYoungGenerationSmall } from '../host/garbageCollector';

/** Text checked between two collections. */
const collectedEvery = 32 * 1024 * 1024;

/**
 * Gives the garbage of the documents `check` has dropped back at a steady pace. V8 collects its
 * old generation lazily: left alone, a walk over 200 MB of XML whose live data is a few tens of
 * MB grows the heap to many times that (each parsed tree, a large domain's above all, is garbage
 * once its findings are printed). A full collection of a small live heap costs milliseconds, so
 * one every 32 MB of text, and one after each large document, keeps the memory near what is live.
 */
export class HeapTrim {
  private readonly collect = garbageCollector();
  private sinceLast = 0;

  /**
   * To be called before the first document is parsed: V8 allocates straight into the old
   * generation at the places whose objects often survive (a large domain's tree does), and every
   * later tree would then be garbage only a full collection frees. `check` drops each tree soon
   * after making it: young, it dies young. And the young generation stays small: V8 doubles it
   * up to 32 MB while a large document's tree survives scavenges, and never shrinks it (a quarter
   * of the RSS at 1,000 files). With the compact tree (parser/parsedTree.ts) that costs 4–8% more
   * CPU for 12–40 MiB less RSS (scale workspaces of 1,000 and 5,000 files); with the plain-object
   * tree it cost ~15%.
   */
  static beforeParsing(): void {
    setFlagsFromString('--no-allocation-site-pretenuring');
    keepYoungGenerationSmall();
  }

  /** Called after a document of this many characters was dropped. */
  dropped(length: number): void {
    this.sinceLast += length;
    if (this.sinceLast < collectedEvery && length < collectedEvery / 16) return;
    this.sinceLast = 0;
    this.collect?.();
  }
}
