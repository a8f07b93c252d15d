import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { testDatabase } from '../support/db.ts';
import { sequenceRows } from '../support/sequence.ts';

describe('Database.stream', () => {
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
});
