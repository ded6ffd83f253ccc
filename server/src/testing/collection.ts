import { setImmediate as nextTurn } from 'node:timers/promises';
import { garbageCollector } from '../host/garbageCollector';

/**
 * Whether the target of `ref` is garbage: after a turn of the event loop (a WeakRef keeps its
 * target until the job that made it ends) and a full collection, it is gone. What held it (a
 * timer's closure, a promise's continuation, a cache) shows as `false`. Not timed: a collection
 * either frees the object or it does not.
 */
export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  const collect = garbageCollector();
  if (!collect) throw new Error('no garbage collector: V8 refused --expose-gc');
  await nextTurn();
  collect();
  return ref.deref() === undefined;
}

/** The live heap after a full collection, in bytes (for growth checks that are not timed). */
export async function liveHeapBytes(): Promise<number> {
  const collect = garbageCollector();
  if (!collect) throw new Error('no garbage collector: V8 refused --expose-gc');
  await nextTurn();
  collect();
  return process.memoryUsage().heapUsed;
}
