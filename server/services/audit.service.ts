import { randomUUID } from 'node:crypto';
import type { Database } from '../db/neo4j.ts';
import { type AuditDetails, type AuditEventRow, createAuditEvent, findAuditEvents } from '../repositories/audit.repository.ts';

/**
 * The audit trail: an append-only record of who did what with personal data,
 * kept as (:AuditEvent) nodes. Events hold ids and counts only, never names
 * or contact details, so the trail itself needs no erasing.
 */

export const AUDIT_ACTIONS = ['list.export'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  action: AuditAction;
  /** Who: a user name, `cli:<os user>`, or `anonymous` until requests are authenticated. */
  actor: string;
  at: Date;
  details: AuditDetails;
}

export async function recordAuditEvent(db: Database, event: AuditEvent): Promise<string> {
  const id = randomUUID();
  await createAuditEvent(db, { id, at: event.at.toISOString(), actor: event.actor, action: event.action, details: event.details });
  return id;
}

export interface ExportAudit {
  actor: string;
  at: Date;
  listId: string;
  week: string;
  format: string;
  /** Rows written (this week's and dropped ones). */
  rows: number;
  /** Whether the whole file was written; an interrupted export is recorded too, with the rows that left. */
  complete: boolean;
  role: string | null;
}

export function recordExport(db: Database, audit: ExportAudit): Promise<string> {
  return recordAuditEvent(db, {
    action: 'list.export',
    actor: audit.actor,
    at: audit.at,
    details: { listId: audit.listId, week: audit.week, format: audit.format, rows: audit.rows, complete: audit.complete, role: audit.role },
  });
}

/** The trail, newest first, optionally narrowed to one action and one list. */
export function listAuditEvents(
  db: Database,
  { action = null, listId = null, limit = 100 }: { action?: AuditAction | null; listId?: string | null; limit?: number } = {},
): Promise<AuditEventRow[]> {
  return findAuditEvents(db, { action, listId, limit });
}
