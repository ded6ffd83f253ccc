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
