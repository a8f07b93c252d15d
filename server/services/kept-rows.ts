/**
 * Rows about people (a pool page's explanations), kept one per person and
 * per what they were read against, while the talent mark stands; and carried
 * to the next mark when its log names the people a write changed (`carry`):
 * theirs are dropped, the others' stay. So an import that changed one person
 * costs the next page that person's row, not the page's.
 *
 * A move of the mark that names no one (a sector's or a hub's change, an
 * erasure) is never carried: the next `read` at the new mark drops every row.
 * Rows also age out after `maxAgeMs` (writes made outside the app move no
 * mark) and the least recently used go first beyond `maxRows`.
 *
 * Requests that miss the same row at the same time share one read.
 */
export class KeptRows<R extends { id: string }> {
  private version = '';
  private readonly rows = new Map<string, { row: R; at: number }>();
  private readonly pending = new Map<string, Promise<R | undefined>>();
  /** How many rows `read` has asked for since the store was made: what keeping them saved shows as its absence. */
  rowsRead = 0;

  constructor(
    private readonly maxRows = 6_400,
    private readonly maxAgeMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The rows kept at `from` become those of `to`, less the `changed` people's.
   * Nothing happens unless the rows are those of `from`: a carry from another
   * mark cannot say what changed since these rows were read.
   */
  carry(from: string, to: string, changed: readonly string[]): void {
    if (this.version !== from || from === to) return;
    this.version = to;
    this.pending.clear();
    const gone = new Set(changed);
    for (const [key, entry] of this.rows) if (gone.has(entry.row.id)) this.rows.delete(key);
  }

  /**
   * The row of each `wanted` person at mark `version`, kept by `key` (the
   * person and what the row was read against): kept ones as they are, the
   * others read in one call of `read` (given the ids of the people missing).
   * A person `read` returns no row for (erased meanwhile) has none.
   */
  async read(version: string, wanted: readonly { id: string; key: string }[], read: (missing: string[]) => Promise<R[]>): Promise<Map<string, R>> {
    if (version !== this.version) {
      this.version = version;
      this.rows.clear();
      this.pending.clear();
    }
    const now = this.clock();
    const found = new Map<string, R>();
    const waiting: Promise<void>[] = [];
    const missing: { id: string; key: string }[] = [];
    for (const { id, key } of wanted) {
      const entry = this.rows.get(key);
      if (entry && now - entry.at < this.maxAgeMs) {
        // Used again: it goes to the back of the eviction order.
        this.rows.delete(key);
        this.rows.set(key, entry);
        found.set(id, entry.row);
        continue;
      }
      if (entry) this.rows.delete(key);
      const flight = this.pending.get(key);
      if (flight) waiting.push(flight.then((row) => void (row && found.set(id, row))));
      else missing.push({ id, key });
    }
    if (missing.length > 0) {
      this.rowsRead += missing.length;
      const batch = read(missing.map((m) => m.id));
      const byId = batch.then((rows) => new Map(rows.map((r) => [r.id, r])));
      for (const { id, key } of missing) {
        const flight = byId.then((rows) => rows.get(id));
        this.pending.set(key, flight);
        // A failed read leaves nothing pending; the caller sees the failure through `batch`.
        const settle = () => void (this.pending.get(key) === flight && this.pending.delete(key));
        flight.then(settle, settle);
      }
      const rows = await byId;
      // Rows read for a mark the store has moved past are not kept.
      const keep = version === this.version;
      const at = this.clock();
      for (const { id, key } of missing) {
        const row = rows.get(id);
        if (!row) continue;
        found.set(id, row);
        if (keep) this.set(key, row, at);
      }
    }
    await Promise.all(waiting);
    return found;
  }

  /** How many rows are kept. */
  get size(): number {
    return this.rows.size;
  }

  private set(key: string, row: R, at: number): void {
    this.rows.delete(key);
    if (this.rows.size >= this.maxRows) this.rows.delete(this.rows.keys().next().value!);
    this.rows.set(key, { row, at });
  }
}
