import type { Database } from '../db/neo4j.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { dayOf, isCalendarDay } from '../privacy/dates.ts';
import { CONTACT_PROPERTIES, PROVENANCE_PROPERTIES } from '../privacy/fields.ts';
import { NOTICE_MONTHS, type NoticeFacts, noticeStatus } from '../privacy/notice.ts';
import { type RetentionConfig, retentionCutoffs, retentionOf } from '../privacy/retention.ts';
import { type IdentityKeys, identityKeysOf, newSalt, suppressionHashes } from '../privacy/suppression.ts';
import { findAuditEventsAbout } from '../repositories/audit.repository.ts';
import {
  type ErasureCounts,
  countNoticeDue,
  ensureSalt,
  eraseCandidateTx,
  findDsar,
  findErasureTarget,
  findNoticeDue,
  findRetentionDue,
  findSalt,
  findSuppressed,
  setInformed,
} from '../repositories/privacy.repository.ts';
import type { Dsar, Erasure, Informed, InformedBody, NoticeDue, NoticeDueQuery, RetentionItem, RetentionReport } from '../schemas/privacy.schema.ts';
import { type AuditContext, recordAuditEvent, recordAuditEventTx } from './audit.service.ts';

/**
 * GDPR duties on the graph: Art. 14 notice deadlines, retention per country,
 * erasure that sticks (a suppression list of keyed identifier hashes), access
 * requests, each action on the audit trail. The calendar rules are in
 * server/privacy/; this module applies them to the graph.
 */

export interface Acting extends AuditContext {
  now: Date;
}

const today = (now: Date) => dayOf(now);

function opaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function unopaque<T>(cursor: string, valid: (v: unknown) => v is T, field = 'query.cursor'): T {
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('malformed');
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!valid(decoded)) throw new BadRequestError(`Invalid ${field}: not a cursor this API issued`, [{ field, message: 'malformed cursor' }]);
  return decoded;
}

const isPair = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string' && x.length <= 200);

/**
 * A notice-due cursor: the deadline the page ended on (a calendar day, as the statement
 * renders it) and an id. The statement reads the day with Cypher's `date()`, which fails on
 * anything else (another endpoint's cursor holds a timestamp), so it is checked here.
 */
const isDueCursor = (v: unknown): v is [string, string] => isPair(v) && isCalendarDay(v[0]);

/* ---------- Art. 14 notices ---------- */

export function noticeOf(facts: NoticeFacts, now: Date) {
  return noticeStatus(facts, today(now));
}

/** Candidates not informed yet, overdue first, then by deadline. */
export async function noticeDueList(db: Database, query: NoticeDueQuery, now: Date): Promise<NoticeDue> {
  const after = query.cursor === undefined ? null : unopaque(query.cursor, isDueCursor);
  const [rows, counts] = await Promise.all([
    findNoticeDue(db, { noticeMonths: NOTICE_MONTHS, cursor: after && { key: after[0], id: after[1] }, limit: query.limit + 1 }),
    countNoticeDue(db, { noticeMonths: NOTICE_MONTHS, today: today(now) }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    today: today(now),
    due: counts.due,
    overdue: counts.overdue,
    items: page.map((row) => ({
      id: row.id,
      name: row.name,
      hub: row.hub,
      lawfulBasis: row.lawfulBasis,
      sources: row.sources,
      obtainedAt: row.obtainedAt,
      firstContactAt: row.firstContactAt,
      notice: noticeOf({ obtainedAt: row.obtainedAt, firstContactAt: row.firstContactAt, informedAt: null }, now),
    })),
    nextCursor: rows.length > query.limit && last ? opaque([last.sortKey, last.id]) : null,
  };
}

/** How far a client's clock may run ahead of the server's; such an `at` is recorded as now. */
export const INFORMED_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The earliest notice date taken when the record has no `obtainedAt`: the
 * adoption of Directive 95/46/EC, whose Art. 11 first required telling people
 * about data not obtained from them (the duty GDPR Art. 14 continues).
 */
export const EARLIEST_INFORMED_AT = '1995-10-24';

function invalidAt(message: string): BadRequestError {
  return new BadRequestError(`Invalid body.at: ${message}`, [{ field: 'body.at', message }]);
}

/**
 * Records that the person was told (Art. 14): when (default now) and how. The
 * date moves the first contact and so the notice deadline, so it must fall
 * between the day the data was obtained and now.
 */
export async function markInformed(db: Database, id: string, body: InformedBody, acting: Acting): Promise<Informed> {
  const at = body.at === undefined ? acting.now : new Date(body.at);
  if (at.getTime() > acting.now.getTime() + INFORMED_CLOCK_SKEW_MS) throw invalidAt('is in the future');
  const when = at.getTime() > acting.now.getTime() ? acting.now : at;
  // The statement checks the date against obtainedAt as it writes: one round trip, and no profile read.
  const row = await setInformed(db, { id, at: when.toISOString(), how: body.how, earliest: EARLIEST_INFORMED_AT }, (found) => {
    if (!found) throw new NotFoundError(`No candidate "${id}"`, [{ field: 'params.id', value: id }]);
    if (!found.recorded) {
      throw invalidAt(
        found.obtainedAt === null ? `is before ${EARLIEST_INFORMED_AT}, the earliest plausible notice date` : `is before the data was obtained (${found.obtainedAt})`,
      );
    }
  }, (tx, written) =>
    recordAuditEventTx(tx, {
      action: 'candidate.inform',
      actor: acting.actor,
      origin: acting.origin,
      at: acting.now,
      details: { candidateId: id, how: body.how, informedAt: written.informedAt },
    }),
  );
  return {
    id: row.id,
    informedAt: row.informedAt,
    informedHow: body.how,
    firstContactAt: row.firstContactAt,
    lastContactAt: row.lastContactAt,
    notice: { status: 'informed', dueBy: null, rule: null },
  };
}

/* ---------- Suppression ---------- */

/**
 * The importer's check: for each record, which of its identifiers name a
 * person on the suppression list (none: an empty list). Null when nobody was
 * ever erased (no salt yet), so imports pay nothing.
 */
export async function suppressionChecker(db: Database): Promise<((records: IdentityKeys[]) => Promise<('email' | 'profile')[][]>) | null> {
  const salt = await findSalt(db);
  if (salt === null) return null;
  return async (records) => {
    const hashed = records.map((keys) => ({
      email: suppressionHashes(salt, { emailKey: keys.emailKey, profileKey: null }),
      // A person erased while their key was stored under earlier rules is listed under that key's hash.
      profile: suppressionHashes(salt, { emailKey: null, profileKey: keys.profileKey, otherProfileKeys: keys.otherProfileKeys }),
    }));
    const found = await findSuppressed(db, [...new Set(hashed.flatMap((h) => [...h.email, ...h.profile]))]);
    return hashed.map((h) => (['email', 'profile'] as const).filter((kind) => h[kind].some((hash) => found.has(hash))));
  };
}

/* ---------- Erasure ---------- */

const ID_CHARS = 'A-Za-z0-9._:%-';

/** A Java regular expression matching a link that names `id` (plain or URL-encoded) as a whole token. */
export function idInLinkPattern(id: string): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const forms = [...new Set([id, encodeURIComponent(id)])].map(escape).join('|');
  return `(?s).*(?<![${ID_CHARS}])(?:${forms})(?![${ID_CHARS}]).*`;
}

/**
 * Erases a person in one write transaction: the candidate and every
 * relationship; their rows in list snapshots emptied to `erased`
 * placeholders; their pipeline entries kept as anonymous tombstones (stage
 * and history, no link, no notes); papers only they wrote; saved views that
 * open them. What remains is a keyed hash of each identifier on the
 * suppression list, and the audit event (ids and counts only).
 */
export async function eraseCandidate(db: Database, id: string, acting: Acting & { reason?: 'request' | 'retention' }): Promise<Erasure> {
  const reason = acting.reason ?? 'request';
  const salt = await ensureSalt(db, newSalt(), acting.now.toISOString());
  const counts: ErasureCounts = await db.writeTx(async (tx) => {
    const target = await findErasureTarget(tx, id);
    if (!target) throw new NotFoundError(`No candidate "${id}"`, [{ field: 'params.id', value: id }]);
    const hashes = suppressionHashes(salt, identityKeysOf(target));
    const erased = await eraseCandidateTx(tx, { id, idPattern: idInLinkPattern(id), hashes, today: today(acting.now) });
    await recordAuditEventTx(tx, {
      action: 'candidate.erase',
      actor: acting.actor,
      origin: acting.origin,
      at: acting.now,
      details: { candidateId: id, reason, ...erased },
    });
    return erased;
    // Not named in the log (its write is logged as "anything"): the log must not keep the erased id.
  });
  return { candidateId: id, reason, erasedAt: acting.now.toISOString(), ...counts };
}

/* ---------- Retention ---------- */

export async function retentionDue(db: Database, config: RetentionConfig, now: Date): Promise<RetentionItem[]> {
  const day = today(now);
  const rows = await findRetentionDue(db, retentionCutoffs(config, day));
  return rows.flatMap((row) => {
    const retention = retentionOf(config, row, day);
    // The cutoffs select exactly the expired; the check keeps a disagreement from ever erasing anyone early.
    if (!retention.expired || retention.since === null || retention.expiresOn === null || retention.sinceWhat === null) return [];
    return [{ id: row.id, name: row.name, country: row.country, lawfulBasis: row.lawfulBasis, policy: retention.policy, since: retention.since, sinceWhat: retention.sinceWhat, expiresOn: retention.expiresOn }];
  });
}

/**
 * Everyone past their retention period on `now`; with `apply`, each is erased
 * (one transaction each, reason `retention`). The run is on the audit trail
 * either way.
 */
export async function runRetention(
  db: Database,
  config: RetentionConfig,
  { apply, onErased, ...acting }: Acting & { apply: boolean; onErased?: (done: number, total: number) => void },
): Promise<RetentionReport> {
  const candidates = await retentionDue(db, config, acting.now);
  const erased: Erasure[] = [];
  const failed: { id: string; reason: string }[] = [];
  if (apply) {
    for (const candidate of candidates) {
      try {
        erased.push(await eraseCandidate(db, candidate.id, { ...acting, reason: 'retention' }));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        failed.push({ id: candidate.id, reason: 'no longer in the graph' });
      }
      onErased?.(erased.length + failed.length, candidates.length);
    }
  }
  await recordAuditEvent(db, {
    action: 'retention.run',
    actor: acting.actor,
    origin: acting.origin,
    at: acting.now,
    details: { applied: apply, pastRetention: candidates.length, erased: erased.length, failed: failed.length },
  });
  return { today: today(acting.now), applied: apply, candidates, erased, failed };
}

/* ---------- Access requests ---------- */

function pick(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, props[k] ?? null]));
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Everything held on one person (GDPR Art. 15), and only on them; the request is on the audit trail. */
export async function accessRequest(db: Database, id: string, config: RetentionConfig, acting: Acting): Promise<Dsar> {
  const found = await db.readTx(async (tx) => {
    const row = await findDsar(tx, id);
    if (!row) return undefined;
    const appearances = [...new Map(row.lists.map((l) => [`${l.listId}\n${l.week}`, { listId: l.listId, week: l.week }])).values()];
    return { row, events: await findAuditEventsAbout(tx, id, appearances) };
  });
  if (!found) throw new NotFoundError(`No candidate "${id}"`, [{ field: 'params.id', value: id }]);
  const { row, events } = found;
  const p = row.properties;
  const facts = { obtainedAt: str(p.obtainedAt), firstContactAt: str(p.firstContactAt), informedAt: str(p.informedAt), lastContactAt: str(p.lastContactAt) };
  const retention = retentionOf(config, { country: row.hubs[0]?.countryCode ?? null, lawfulBasis: str(p.lawfulBasis), ...facts }, today(acting.now));
  const sources = p.sources === null || p.sources === undefined ? [] : Array.isArray(p.sources) ? p.sources.map(String) : [String(p.sources)];
  const dsar: Dsar = {
    generatedAt: acting.now.toISOString(),
    candidateId: id,
    profile: Object.fromEntries(
      Object.entries(p)
        .filter(([k]) => !(CONTACT_PROPERTIES as readonly string[]).includes(k) && !(PROVENANCE_PROPERTIES as readonly string[]).includes(k))
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
    contactDetails: {
      ...(pick(p, CONTACT_PROPERTIES) as Omit<Dsar['contactDetails'], 'formerEmailKeys' | 'formerProfileKeys'>),
      // A recorded identifier may be current again (cypher/import-former-identifiers-add.cypher).
      formerEmailKeys: row.formerKeys.filter((k) => k.startsWith('e:') && k.slice(2) !== p.emailKey).map((k) => k.slice(2)),
      formerProfileKeys: row.formerKeys.filter((k) => k.startsWith('p:') && k.slice(2) !== p.profileKey).map((k) => k.slice(2)),
    },
    provenance: {
      sources,
      lawfulBasis: str(p.lawfulBasis),
      obtainedAt: facts.obtainedAt,
      informedAt: facts.informedAt,
      informedHow: str(p.informedHow),
      firstContactAt: facts.firstContactAt,
      lastContactAt: facts.lastContactAt,
      notice: noticeOf(facts, acting.now),
      retention: { policy: retention.policy, since: retention.since, expiresOn: retention.expiresOn },
    },
    hubs: row.hubs,
    career: row.career,
    skills: row.skills,
    publications: row.publications,
    education: row.education,
    otherRelationships: row.otherRelationships,
    pipeline: row.pipeline.map(({ properties, ...entry }) => ({ ...entry, entry: properties })),
    listAppearances: row.lists.map(({ properties, ...list }) => ({ ...list, row: properties })),
    auditEvents: events,
  };
  await recordAuditEvent(db, { action: 'candidate.access', actor: acting.actor, origin: acting.origin, at: acting.now, details: { candidateId: id } });
  return dsar;
}
