import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import { type Database, toRows } from '../db/neo4j.ts';
import { SEGMENTS, type Segment, type SegmentCounts } from '../schemas/common.schema.ts';

/**
 * A candidate's segment is derived from the graph (jobs in target or pivoting
 * sectors, papers in target fields), never written by hand: the seeder derives
 * every candidate's, an import the ones it wrote.
 */

const q = defineQueries('segments-derive-all', 'segments-derive', 'segments-count');

/** Derives every candidate's segment, in batches of their own transactions. */
export async function deriveAllSegments(db: Database): Promise<void> {
  await db.autoCommit(q['segments-derive-all']);
}

/** Derives the segments of these candidates in one transaction; returns each one's segment. */
export async function deriveSegments(db: Database, ids: readonly string[]): Promise<Map<string, Segment>> {
  if (ids.length === 0) return new Map();
  return db.writeTx((tx) => deriveSegmentsInTx(tx, ids));
}

/** The same, inside a caller's transaction (e.g. the one that wrote the candidates). */
export async function deriveSegmentsInTx(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, Segment>> {
  if (ids.length === 0) return new Map();
  const rows = toRows(await tx.run(q['segments-derive'], { ids }));
  return new Map(rows.map((r) => [r.id as string, r.derived as Segment]));
}

/** Candidates per segment; those not derived yet are left out. */
export async function countSegments(db: Database): Promise<SegmentCounts> {
  const counts = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as SegmentCounts;
  for (const row of await db.read(q['segments-count'])) {
    if (SEGMENTS.includes(row.segment as Segment)) counts[row.segment as Segment] = row.count as number;
  }
  return counts;
}
