import { BoundedMap } from '../../memory/bounded';

/**
 * Reference data held in one process's memory (issue 14): entries are served only while the process
 * hears every change notice (its LISTEN connection is up), evicted by key or all at once on a notice,
 * and all dropped when the connection drops. A load that began before an eviction is not kept, so a
 * value read before a change never outlives the change's notice.
 */
export class ReferenceCache<V> {
  private readonly entries: BoundedMap<string, V>;
  private generation = 0;

  constructor(
    readonly topic: string,
    private readonly live: () => boolean,
    maxEntries = 10_000,
  ) {
    this.entries = new BoundedMap(maxEntries);
  }

  /** The key's value, loaded on a miss; `keep` says whether a loaded value may be kept (a miss is not, for instance). */
  async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    if (!this.live()) return load();
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.live() && keep(value)) {
      this.entries.set(key, value);
    }
    return value;
  }

  /** Drops one key, or every entry when key is undefined. */
  evict(key?: string): void {
    this.generation++;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
