/**
 * Work done in slices: a generator that yields between slices and returns its result. The core
 * does long work this way (a 5 MB document's parse, the resolution of 30,000 interfaces) so that
 * the language server can answer other requests between slices and drop work a newer edit made
 * useless; the CLI and small documents simply run it to the end (runToEnd).
 */
export type SlicedWork<T> = Generator<void, T, void>;

/** Runs sliced work at once, to its end. */
export function runToEnd<T>(work: SlicedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/**
 * Sliced work that stops between two slices once `current` says it is no longer wanted (a newer
 * read of the same file, the file opened in the editor meanwhile): then it gives undefined.
 */
export function* whileCurrent<T>(work: SlicedWork<T>, current: () => boolean): SlicedWork<T | undefined> {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    yield;
    if (!current()) {
      work.return(undefined as never);
      return undefined;
    }
  }
}
