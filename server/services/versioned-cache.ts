/**
 * Answers derived from the graph (the hub map, a ranked pool), kept while the
 * graph's change marks (readDataVersions) stay the same. Writes through the app
 * move them; writes made outside it (Neo4j Browser, another tool) do not,
 * so an entry is also dropped after `maxAgeMs`.
 *
 * Requests that miss the same entry at the same time share one computation
 * (`getOrCompute`): under load, a cold hub map or pool would otherwise be
 * worked out once per waiting request, each slowing the others.
 *
 * A new version drops every entry of the others, unless the cache is made to
 * keep them (`keepEarlier`): then an entry of an earlier version stays until
 * it ages out or is replaced, so that a caller that can bring it up to date
 * more cheaply than computing it afresh (`update`) may do so. The updated
 * entry keeps the age of the one it came from: `maxAgeMs` bounds the time
 * since the last full computation. Only caches of ids and scores keep earlier
 * entries: one holding names or contact details would keep an erased
 * person's past the erasure.
 */
export class VersionedCache<V> {
  private version = '';
  private readonly entries = new Map<string, { version: string; value: V; at: number }>();
  private readonly pending = new Map<string, Promise<V | undefined>>();

  constructor(
    private readonly maxEntries = 200,
    private readonly maxAgeMs = 60_000,
    private readonly clock: () => number = Date.now,
    private readonly keepEarlier = false,
  ) {}

  get(version: string, key: string): V | undefined {
    if (!this.keepEarlier && version !== this.version) {
      this.version = version;
      this.entries.clear();
      return undefined;
    }
    const entry = this.fresh(key);
    return entry?.version === version ? entry.value : undefined;
  }

  /**
   * The kept value, or else `update`'s from the entry of an earlier version
   * (when given and it answers), or else `compute`'s; kept unless undefined,
   * and worked out once for all who ask meanwhile.
   */
  getOrCompute(
    version: string,
    key: string,
    compute: () => Promise<V | undefined>,
    update?: (earlier: V) => Promise<V | undefined>,
  ): Promise<V | undefined> {
    const kept = this.get(version, key);
    if (kept !== undefined) return Promise.resolve(kept);
    const flight = `${version}\u0000${key}`;
    let pending = this.pending.get(flight);
    if (!pending) {
      const earlier = update ? this.fresh(key) : undefined;
      const work = async (): Promise<V | undefined> => {
        if (earlier && update) {
          const updated = await update(earlier.value);
          if (updated !== undefined) {
            this.set(version, key, updated, earlier.at);
            return updated;
          }
        }
        const value = await compute();
        if (value !== undefined) this.set(version, key, value);
        return value;
      };
      pending = work().finally(() => this.pending.delete(flight));
      this.pending.set(flight, pending);
    }
    return pending;
  }

  set(version: string, key: string, value: V, at = this.clock()): void {
    // A computation of a version the cache has moved past is not kept (kept entries are all of one version).
    if (!this.keepEarlier && version !== this.version) return;
    // Entries no one asked for again go once aged, not only when pushed out.
    const now = this.clock();
    for (const [k, entry] of this.entries) if (now - entry.at >= this.maxAgeMs) this.entries.delete(k);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { version, value, at });
  }

  /** The entry for `key` of whatever version, unless it has aged out. */
  private fresh(key: string) {
    const entry = this.entries.get(key);
    if (entry && this.clock() - entry.at >= this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
