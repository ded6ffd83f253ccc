import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full collection (`gc()`), which node hides unless started with --expose-gc: the flag is
 * set now and the function taken from a fresh context. Undefined when V8 refuses.
 */
export function garbageCollector(): (() => void) | undefined {
  const exposed: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  const created: unknown = runInNewContext('gc');
  return typeof created === 'function' ? (created as () => void) : undefined;
}

/**
 * Keeps V8's young generation at its initial size (1 MB a semi-space) instead of letting it grow
 * to 16 MB: once grown, V8 never shrinks it, not even on a full or a last-resort collection, and
 * its 32 MB of pages stay resident for good. For the language server, whose live data after a
 * crawl of 1,000 files is about 12 MB, that was most of its memory (issue 19: 46 MB above an empty
 * server, 16 MB with this). The crawl is not slower: its trees die young either way. Read by V8
 * each time it would grow the space, so it takes effect when set at run time.
 */
export function keepYoungGenerationSmall(): void {
  setRuntimeFlag('semi-space-growth-factor', '--semi-space-growth-factor=1');
}

/** The V8 flags this process set at run time, by name, as last set (see restoreFlagsAfterWorkerStart). */
const runtimeFlags = new Map<string, string>();

function setRuntimeFlag(name: string, flag: string): void {
  runtimeFlags.set(name, flag);
  setFlagsFromString(flag);
}

/**
 * To be called once a worker thread is running ('online'): starting one sets V8's flags of the
 * young generation back to node's defaults for the whole process (measured on node 20: after the
 * schema validation worker's first start, the server's young generation grew to 32 MB again and
 * stayed so, and its scavenges copied up to 16 MB of a large document's new tree at a time).
 * Applies every flag this process set at run time again, as last set (keepYoungGenerationSmall's,
 * and limitHeapGrowth's while a large document is open).
 */
export function restoreFlagsAfterWorkerStart(): void {
  for (const flag of runtimeFlags.values()) setFlagsFromString(flag);
}

/**
 * garbageCollector's full collection, moving the survivors of every page together first
 * (`--compact-on-every-full-gc`, set for this one collection only: read by V8 when it picks the
 * pages to evacuate). V8's own choice leaves a page alone while a fair share of it is live: after
 * a crawl, the index's records sit a few on each page among the parsed trees that died (issue 19:
 * 1,000 files left the heap 8 MiB above an empty server's for 4 MiB of live data), and those
 * pages stay the process's. Costs about what the collection costs.
 */
export function compactingGarbageCollector(): (() => void) | undefined {
  const collect = garbageCollector();
  if (!collect) return undefined;
  return () => {
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      collect();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/**
 * Caps how far V8 lets its heap grow past what the last full collection found alive: by at most
 * `percent` before the next one; 0 gives V8 back its own factor, which grows to 4× for a program
 * that allocates fast. A 5 MB domain typed in is such a program: each keystroke makes a new
 * 120 MiB tree and model, and with V8's factor the server grew to 1.2–1.9 GB for 270 MiB alive
 * (issue 14). Read by V8 each time a full collection sets the next limit, so it takes effect when
 * set at run time (measured: a 150 MB live heap churning garbage peaked at 842 MB by default,
 * 207 MB with 30).
 */
export function limitHeapGrowth(percent: number): void {
  setRuntimeFlag('heap-growing-percent', `--heap-growing-percent=${Math.max(0, Math.round(percent))}`);
}
