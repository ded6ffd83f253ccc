import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SlicedWork } from '../util/slicedWork';

/**
 * How long sliced work may hold the thread before it lets the event loop turn: the messages
 * that arrived meanwhile (a completion in another file, a `$/cancelRequest`) are handled then.
 */
const holdMs = 8;

/** Sliced work was dropped: a newer version of its document came, or its request was cancelled. */
export class WorkCancelled extends Error {
  constructor(why: string) {
    super(`work cancelled: ${why}`);
  }
}

/**
 * Runs sliced work (see SlicedWork) on the server's thread without blocking it: after each slice,
 * when it has held the thread for holdMs, it waits for the event loop's next turn. After every
 * such wait `stale()` is asked; work it calls stale is dropped with WorkCancelled. Small work
 * (under holdMs) runs to its end in one go, as if it were not sliced.
 */
export async function runInSlices<T>(work: SlicedWork<T>, stale: () => string | undefined): Promise<T> {
  let heldSince = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - heldSince < holdMs) continue;
    await nextTurn();
    heldSince = performance.now();
    const why = stale();
    if (why !== undefined) {
      work.return(undefined as never);
      throw new WorkCancelled(why);
    }
  }
}

/** Lets the event loop turn when the caller has held the thread for holdMs since `heldSince`; gives the new start. */
export async function turnIfHeld(heldSince: number): Promise<number> {
  if (performance.now() - heldSince < holdMs) return heldSince;
  await nextTurn();
  return performance.now();
}
