import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCypher } from '../../server/db/cypher.ts';
import { DATA_VERSION_ID, type Database, TALENT_LOG_KEEP, TALENT_VERSION_ID, int, toRows } from '../../server/db/neo4j.ts';
import { readDataVersions } from '../../server/repositories/data-version.repository.ts';
import { testDatabase } from '../support/db.ts';
import { sequenceRows } from '../support/sequence.ts';

describe('Database reads', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('Database.stream yields every row in order, converted to plain values like read does', async () => {
    const [query, params] = sequenceRows(5_000);
    const rows = [];
    for await (const row of db.stream(query, params)) rows.push(row);
    expect(rows).toHaveLength(5_000);
    expect(rows.map((r) => r.i)).toEqual(Array.from({ length: 5_000 }, (_, k) => k + 1));
    expect(rows[0]).toEqual({ i: 1, day: '2026-01-02', at: { x: 1, y: 0.5 }, label: 'row 1' });
    expect(rows.slice(0, 50)).toEqual((await db.read(query, params)).slice(0, 50));
  });

  it('Database.stream stops the query when the loop is left early, and the driver goes on serving', async () => {
    // Fifty million rows: only a cancelled query lets this loop end within the test's time.
    const [query, params] = sequenceRows(50_000_000);
    let seen = 0;
    for await (const row of db.stream(query, params)) {
      seen = row.i as number;
      if (seen === 10) break;
    }
    expect(seen).toBe(10);
    const [again] = await db.read(...sequenceRows(1));
    expect(again).toMatchObject({ i: 1 });
  });

  it('Database.stream passes a failing query’s error to the loop', async () => {
    const [query] = sequenceRows(1);
    const consume = async () => {
      for await (const _row of db.stream(query, { n: 'many' })) void _row;
    };
    await expect(consume()).rejects.toThrow(/Integer|many/);
  });

  it('Database.read (one auto-commit query) gives the same plain rows as a managed read transaction', async () => {
    const [query, params] = sequenceRows(20);
    const rows = await db.read(query, params);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({ i: 1, day: '2026-01-02', at: { x: 1, y: 0.5 }, label: 'row 1' });
    expect(rows).toEqual(await db.readTx(async (tx) => toRows(await tx.run(query, params))));
  });

  it('Database.read runs in read mode: a write is refused and changes nothing', async () => {
    const mark = { ids: [DATA_VERSION_ID], logged: TALENT_VERSION_ID, keep: int(TALENT_LOG_KEEP), candidates: null };
    await db.write(loadCypher('data-version-mark'), mark);
    const before = (await readDataVersions(db)).graph;
    await expect(db.read(loadCypher('data-version-mark'), mark)).rejects.toThrow(/read/i);
    expect((await readDataVersions(db)).graph).toBe(before);
  });

  it('Database.record writes its statement at once, leaving the change mark alone, and passes an error on', async () => {
    const before = (await readDataVersions(db)).graph;
    const id = `record-test-${Date.now()}`;
    const [row] = await db.record(loadCypher('audit-record'), { events: [{ id, at: '2026-01-02T03:04:05Z', actor: 'test', action: 'test.record', details: {} }] });
    expect(row).toEqual({ recorded: 1 });
    expect((await readDataVersions(db)).graph).toBe(before);
    await expect(db.record(loadCypher('audit-record'), { events: 'not a list' })).rejects.toThrow();
    expect(await db.read(...sequenceRows(1))).toHaveLength(1);
  });

  it('Database.read passes a failing query’s error on, and the driver goes on serving', async () => {
    const [query] = sequenceRows(1);
    await expect(db.read(query, { n: 'many' })).rejects.toThrow(/Integer|many/);
    expect(await db.read(...sequenceRows(1))).toHaveLength(1);
  });

  it('a failing query’s error names the code that ran it, in each kind of call, and the stack limit is left as it was', async () => {
    const [query] = sequenceRows(1);
    const limit = Error.stackTraceLimit;
    async function readsTheSequence() {
      return db.read(query, { n: 'many' });
    }
    async function readsInATransaction() {
      return db.readTx(async (tx) => toRows(await tx.run(query, { n: 'many' })));
    }
    async function writesInATransaction() {
      return db.writeTx(async (tx) => toRows(await tx.run(query, { n: 'many' })));
    }
    async function streamsTheSequence() {
      for await (const row of db.stream(query, { n: 'many' })) void row;
    }
    for (const caller of [readsTheSequence, readsInATransaction, writesInATransaction, streamsTheSequence]) {
      const error = await caller().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message, caller.name).toMatch(/Integer|many/);
      expect(error?.stack, caller.name).toContain(`at ${caller.name} `);
    }
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
