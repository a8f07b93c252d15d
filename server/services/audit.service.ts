import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/neo4j.ts';
import { BadRequestError } from '../errors.ts';
import { isCalendarDay } from '../privacy/dates.ts';
import { createGroupCommit, type GroupCommit } from '../db/group-commit.ts';
import { type AuditDetails, type AuditEventRow, type AuditEventWrite, createAuditEventTx, createAuditEvents, findAuditEvents } from '../repositories/audit.repository.ts';

/**
 * The audit trail: an append-only record of who did what with personal data,
 * kept as (:AuditEvent) nodes. Events hold ids and counts only, never names
 * or contact details, so the trail itself needs no erasing.
 */

export const AUDIT_ACTIONS = [
  /** A file of candidates imported: counts by outcome. */
  'import.run',
  /** A candidate's profile opened. */
  'candidate.view',
  /** A week of a list exported: the rows written. */
  'list.export',
  /** A candidate put at a pipeline stage. */
  'pipeline.stage',
  /** A candidate recorded as informed (GDPR Art. 14). */
  'candidate.inform',
  /** Everything held on a candidate given out (GDPR Art. 15). */
  'candidate.access',
  /** A candidate erased, on request or at the end of retention. */
  'candidate.erase',
  /** A retention run: who was past their period, and who was erased. */
  'retention.run',
  /** An admin's bearer token used. */
  'token.use',
  /** The world deleted and another seeded (`atlas seed --replace`): what was deleted, in counts. */
  'world.replace',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acts, and from where: `http:<address>`, `cli:<host>`, `schedule:<host>`. */
export interface AuditContext {
  /** A user name, `cli:<os user>`, or `anonymous` for unauthenticated requests. */
  actor: string;
  origin?: string | null;
}

export interface AuditEvent extends AuditContext {
  action: AuditAction;
  at: Date;
  details: AuditDetails;
}

function toWrite(event: AuditEvent) {
  return {
    id: randomUUID(),
    at: event.at.toISOString(),
    actor: event.actor,
    action: event.action,
    details: { ...(event.origin ? { origin: event.origin } : {}), ...event.details },
  };
}

// One group commit per database: events recorded at the same time (profile views
// under load) share a transaction, and each caller still waits for its own.
const writers = new WeakMap<Database, GroupCommit<AuditEventWrite>>();

function writerFor(db: Database): GroupCommit<AuditEventWrite> {
  let writer = writers.get(db);
  if (!writer) {
    writer = createGroupCommit((events) => createAuditEvents(db, events));
    writers.set(db, writer);
  }
  return writer;
}

/** Records the event; resolves once it is stored. */
export async function recordAuditEvent(db: Database, event: AuditEvent): Promise<string> {
  const write = toWrite(event);
  await writerFor(db).add(write);
  return write.id;
}

/** Records the event in the transaction that makes the change, so neither exists without the other. */
export async function recordAuditEventTx(tx: ManagedTransaction, event: AuditEvent): Promise<string> {
  const write = toWrite(event);
  await createAuditEventTx(tx, write);
  return write.id;
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

export interface AuditQuery {
  action?: AuditAction | null;
  actor?: string | null;
  candidateId?: string | null;
  listId?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** The last event of the previous page. */
  after?: { at: string; id: string } | null;
  limit?: number;
}

/** The trail, newest first, narrowed by any of action, actor, candidate, list and time. */
export function listAuditEvents(
  db: Database,
  { action = null, actor = null, candidateId = null, listId = null, from = null, to = null, after = null, limit = 100 }: AuditQuery = {},
): Promise<AuditEventRow[]> {
  return findAuditEvents(db, {
    action,
    actor,
    candidateId,
    listId,
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    cursor: after,
    limit,
  });
}

export interface AuditTrailQuery {
  action?: string;
  actor?: string;
  candidateId?: string;
  listId?: string;
  /** ISO timestamps: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  limit: number;
  /** Opaque: the previous page's `nextCursor`. */
  cursor?: string;
}

/**
 * An event's `at` as a cursor carries it (Neo4j's rendering of a UTC DateTime). The statement
 * reads it with Cypher's `datetime()`, which fails on much that Date.parse takes ("1", a bare
 * day from another endpoint's cursor, 30 February), so only that form is let through.
 */
function isEventInstant(at: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/.exec(at);
  return m !== null && isCalendarDay(m[1]!);
}

/** A page of the trail for GET /api/audit, with the cursor of the next one. */
export async function auditTrail(db: Database, query: AuditTrailQuery): Promise<{ items: AuditEventRow[]; nextCursor: string | null }> {
  if (query.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(query.action)) {
    throw new BadRequestError(`Invalid query.action: must be one of ${AUDIT_ACTIONS.join(', ')}`, [{ field: 'query.action', message: 'unknown action' }]);
  }
  let after: { at: string; id: string } | null = null;
  if (query.cursor !== undefined) {
    try {
      const [at, id] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as unknown[];
      if (typeof at !== 'string' || typeof id !== 'string' || !isEventInstant(at)) throw new Error('malformed');
      after = { at, id };
    } catch {
      throw new BadRequestError('Invalid query.cursor: not a cursor this API issued', [{ field: 'query.cursor', message: 'malformed cursor' }]);
    }
  }
  const rows = await listAuditEvents(db, {
    action: (query.action as AuditAction | undefined) ?? null,
    actor: query.actor ?? null,
    candidateId: query.candidateId ?? null,
    listId: query.listId ?? null,
    from: query.from === undefined ? null : new Date(query.from),
    to: query.to === undefined ? null : new Date(query.to),
    after,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? Buffer.from(JSON.stringify([last.at, last.id]), 'utf8').toString('base64url') : null,
  };
}
