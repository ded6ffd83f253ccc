import { garbageCollector } from '../host/garbageCollector';

/** Quiet time after a large document is dropped before the memory is collected. */
const quietMs = 1000;

/**
 * Gives the memory of a large document back once it is closed. V8 collects its old generation
 * lazily: left alone, the 1 GB a 5 MB domain's trees and findings took stays the server's for
 * minutes or for good (issue 19: 657 MB open, 726 MB after the close). One full collection, a
 * second after the close (several closes share it), frees the pages and returns them to the
 * system; it costs tens of milliseconds, paid once per close of a large document.
 */
export class MemoryRelease {
  private timer: NodeJS.Timeout | undefined;

  /** @param collect V8's full collection (a test gives its own) */
  constructor(private readonly collect: (() => void) | undefined = garbageCollector()) {}

  /** A large document was dropped: collect after the quiet time. */
  largeDocumentDropped(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, quietMs);
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
