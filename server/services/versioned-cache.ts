/**
 * Answers derived from the graph (the hub map, a ranked pool), kept while the
 * graph's change marks (readDataVersions) stay the same. Writes through the app
 * move them; writes made outside it (Neo4j Browser, another tool) do not,
 * so an entry is also dropped after `maxAgeMs`.
 *
 * Requests that miss the same entry at the same time share one computation
 * (`getOrCompute`): under load, a cold hub map or pool would otherwise be
 * worked out once per waiting request, each slowing the others.
 */
export class VersionedCache<V> {
  private version = '';
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly pending = new Map<string, Promise<V | undefined>>();

  constructor(
    private readonly maxEntries = 200,
    private readonly maxAgeMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(version: string, key: string): V | undefined {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
      return undefined;
    }
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock() - entry.at >= this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** The kept value, or `compute`'s (kept unless undefined), computed once for all who ask meanwhile. */
  getOrCompute(version: string, key: string, compute: () => Promise<V | undefined>): Promise<V | undefined> {
    const kept = this.get(version, key);
    if (kept !== undefined) return Promise.resolve(kept);
    const flight = `${version}\u0000${key}`;
    let pending = this.pending.get(flight);
    if (!pending) {
      pending = compute()
        .then((value) => {
          if (value !== undefined) this.set(version, key, value);
          return value;
        })
        .finally(() => this.pending.delete(flight));
      this.pending.set(flight, pending);
    }
    return pending;
  }

  set(version: string, key: string, value: V): void {
    if (version !== this.version) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, at: this.clock() });
  }
}
