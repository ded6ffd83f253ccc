const empty: ReadonlySet<never> = new Set();

/**
 * A map from a key to a set of values that counts how often each value was added, so that one
 * document adding the same pair twice (two interfaces on one network) withdraws cleanly.
 */
export class MultiMap<K, V> {
  private readonly map = new Map<K, Map<V, number>>();

  add(key: K, value: V): void {
    let values = this.map.get(key);
    if (!values) this.map.set(key, (values = new Map()));
    values.set(value, (values.get(value) ?? 0) + 1);
  }

  delete(key: K, value: V): void {
    const values = this.map.get(key);
    const count = values?.get(value);
    if (!values || count === undefined) return;
    if (count > 1) values.set(value, count - 1);
    else values.delete(value);
    if (values.size === 0) this.map.delete(key);
  }

  get(key: K): Iterable<V> {
    return this.map.get(key)?.keys() ?? empty;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}
