import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';

const q = defineQueries('audit-record', 'audit-events-find');

/** Scalar facts of an event: ids, counts, formats. */
export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEventWrite {
  id: string;
  at: string;
  actor: string;
  action: string;
  details: AuditDetails;
}

export async function createAuditEvent(db: Database, event: AuditEventWrite): Promise<void> {
  await db.write(q['audit-record'], { ...event });
}

export interface AuditEventRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  [detail: string]: string | number | boolean | null;
}

export async function findAuditEvents(db: Database, filter: { action: string | null; listId: string | null; limit: number }): Promise<AuditEventRow[]> {
  const rows = await db.read(q['audit-events-find'], { ...filter, limit: int(filter.limit) });
  return rows.map((r) => r.event as AuditEventRow);
}
