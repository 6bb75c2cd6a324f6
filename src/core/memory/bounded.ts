/**
 * What a process keeps in memory and may forget: parsed certificates, checked signatures, opened
 * signers, reference data. Each is a Map that never holds more than `limit` entries: past
 * it the oldest goes (a Map iterates in insertion order). In `lru` order a hit through get() makes an
 * entry the newest, so what is used often stays; in `fifo` order (the default) entries leave in the
 * order they came, and a read costs a plain Map lookup.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    readonly limit: number,
    private readonly order: 'fifo' | 'lru' = 'fifo',
  ) {
    super();
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a bounded map holds at least one entry, not ${limit}`);
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    if (this.order === 'lru' && value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: K, value: V): this {
    if (this.order === 'lru') super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}
