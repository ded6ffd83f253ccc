import { compactingGarbageCollector, keepYoungGenerationSmall, limitHeapGrowth } from '../host/garbageCollector';

/** Quiet time after memory became garbage before it is collected. */
const quietMs = 1000;

/**
 * Quiet time after that collection before one more: V8 shrinks its young generation back (grown to
 * 4 MiB by a crawl of 1,000 files, more by typing in a large document) only at a collection with
 * little allocated in the 5 s before it (Heap::ReduceNewSpaceSize: under 1 KB/ms), which the
 * first one, a second after the crawl, never is.
 */
const settleMs = 5000;

/** Characters of closed documents worth a collection: a large document's (documentStore's largeDocumentLength). */
const closedLength = 256 * 1024;

/**
 * How much V8's heap may grow between full collections while a large document is open (percent
 * of what the last one found alive; see limitHeapGrowth). bench/hugeDocument.mjs, a 5 MB domain
 * typed in (load 6–8, no schema validation): peak RSS 1,169 MiB by V8's own factor, 510 MiB with
 * 50 or 25. The price is a full collection about every keystroke of the large document instead
 * of every third or fourth: V8 marks incrementally, between slices of work, so requests for other
 * documents still get in.
 */
export const largeDocumentHeapGrowthPercent = 50;

/**
 * Gives memory back once much of it became garbage: a large document closed, a crawl over. V8 collects its old generation
 * lazily: left alone, the 1 GB a 5 MB domain's trees and findings took stays the server's for
 * minutes or for good (issue 19: 657 MB open, 726 MB after the close). One full collection, a
 * second after the close or the crawl (several share it), frees the pages and returns them to the
 * system; it costs tens of milliseconds, paid once per close of a large document.
 */
export class MemoryRelease {
  private timer: NodeJS.Timeout | undefined;
  /** Characters of the documents closed since the last collection was asked for. */
  private closedSince = 0;
  /** The large documents open now (see largeDocumentHeapGrowthPercent). */
  private readonly largeOpen = new Set<string>();

  /**
   * @param collect V8's full collection (a test gives its own)
   * @param limitGrowth caps V8's heap growth (limitHeapGrowth; a test gives its own)
   */
  constructor(
    private readonly collect: (() => void) | undefined = compactingGarbageCollector(),
    private readonly limitGrowth: (percent: number) => void = limitHeapGrowth,
  ) {
    keepYoungGenerationSmall();
  }

  /**
   * An open document changed (or closed: `large` false): while any open document is large, V8
   * collects before its heap grows by more than largeDocumentHeapGrowthPercent, so that the
   * versions a keystroke supersedes are not left to pile up; once none is, V8 chooses again.
   */
  openDocumentSize(uri: string, large: boolean): void {
    const before = this.largeOpen.size > 0;
    if (large) this.largeOpen.add(uri);
    else this.largeOpen.delete(uri);
    const now = this.largeOpen.size > 0;
    if (now !== before) this.limitGrowth(now ? largeDocumentHeapGrowthPercent : 0);
  }

  /** Much memory became garbage (a large document closed, a crawl ended): collect after the quiet time. */
  collectSoon(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      forgetLastRegExpMatch();
      this.collect?.();
      this.settleSoon();
    }, quietMs);
    this.timer.unref();
  }

  /** The collection that lets V8 shrink its young generation (see settleMs); a new collectSoon replaces it. */
  private settleSoon(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, settleMs);
    this.timer.unref();
  }

  /**
   * A document was closed: its text, tree and findings are garbage. Many small ones are as much
   * as a large one (issue 19: 1,000 domains opened and closed kept 150 MiB where the index alone
   * took 76): once their text adds up to `closedLength`, collect soon.
   */
  documentClosed(length: number): void {
    this.closedSince += length;
    if (this.closedSince < closedLength) return;
    this.closedSince = 0;
    this.collectSoon();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.largeOpen.size > 0) this.limitGrowth(0);
    this.largeOpen.clear();
  }
}

/**
 * V8 keeps the subject of the last successful regular expression match (for RegExp.input and
 * RegExp.lastMatch) for good: when it was a closed document's text (issue 19: a heap snapshot
 * after a crawl found a network file's text held there, nothing else), that text outlives the
 * document. A match against the empty string leaves it holding that instead.
 */
export function forgetLastRegExpMatch(): void {
  /(?:)/.exec('');
}
