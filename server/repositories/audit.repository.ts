import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import { type Database, int, toRows } from '../db/neo4j.ts';

const q = defineQueries('audit-record', 'audit-events-find', 'audit-events-about');

/** Scalar facts of an event: ids, counts, formats. */
export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEventWrite {
  id: string;
  at: string;
  actor: string;
  action: string;
  details: AuditDetails;
}

/**
 * Events are only ever created: this module runs no statement that changes or
 * deletes one (test/repositories/audit.repository.test.ts checks every Cypher file).
 */
export async function createAuditEvents(db: Database, events: readonly AuditEventWrite[]): Promise<void> {
  await db.record(q['audit-record'], { events });
}

/** The same, inside a write transaction: the event commits with the change it records, or not at all. */
export async function createAuditEventTx(tx: ManagedTransaction, event: AuditEventWrite): Promise<void> {
  await tx.run(q['audit-record'], { events: [event] });
}

export interface AuditEventRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  [detail: string]: string | number | boolean | null;
}

export interface AuditFilter {
  action: string | null;
  actor: string | null;
  candidateId: string | null;
  listId: string | null;
  /** ISO timestamps: from inclusive, to exclusive. */
  from: string | null;
  to: string | null;
  cursor: { at: string; id: string } | null;
  limit: number;
}

export async function findAuditEvents(db: Database, filter: AuditFilter): Promise<AuditEventRow[]> {
  const { cursor, ...rest } = filter;
  const rows = await db.read(q['audit-events-find'], { ...rest, cursorAt: cursor?.at ?? null, cursorId: cursor?.id ?? null, limit: int(filter.limit) });
  return rows.map((r) => r.event as AuditEventRow);
}

/** Events naming the candidate, and exports of the list weeks they were on. */
export async function findAuditEventsAbout(
  tx: ManagedTransaction,
  candidateId: string,
  appearances: { listId: string; week: string }[],
): Promise<AuditEventRow[]> {
  const rows = toRows(await tx.run(q['audit-events-about'], { id: candidateId, appearances }));
  return rows.map((r) => r.event as AuditEventRow);
}
