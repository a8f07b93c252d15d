import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import { DATA_VERSION_ID, type Database, TALENT_VERSION_ID, int, toRows } from '../db/neo4j.ts';
import { ensureInstallationSecret, findInstallationSecret } from './installation.repository.ts';

const q = defineQueries(
  'suppressed-find',
  'suppressed-add',
  'candidate-erase-find',
  'candidate-erase-pipeline',
  'candidate-erase-list-rows',
  'candidate-erase-publications',
  'candidate-erase-saved-views',
  'candidate-erase',
  'talent-changes-forget',
  'candidate-informed-set',
  'privacy-notice-due',
  'privacy-notice-counts',
  'privacy-retention-due',
  'candidate-dsar',
);

/** The suppression salt, created (from `fresh`) when there is none. */
export async function ensureSalt(db: Database, fresh: string, now: string): Promise<string> {
  return ensureInstallationSecret(db, 'suppression-salt', fresh, now);
}

/** The suppression salt, or null when nobody was ever erased. */
export async function findSalt(db: Database): Promise<string | null> {
  return findInstallationSecret(db, 'suppression-salt');
}

export async function findSuppressed(db: Database, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.read(q['suppressed-find'], { hashes });
  return new Set(rows.map((r) => r.hash as string));
}

export interface ErasureTarget {
  id: string;
  email: string | null;
  emailKey: string | null;
  profileUrl: string | null;
  profileKey: string | null;
  /** Identifiers held before ('p:' or 'e:' and the key). */
  formerKeys: string[];
}

export async function findErasureTarget(tx: ManagedTransaction, id: string): Promise<ErasureTarget | undefined> {
  const [row] = toRows(await tx.run(q['candidate-erase-find'], { id }));
  return row as unknown as ErasureTarget | undefined;
}

export interface ErasureCounts {
  pipelineEntries: number;
  stageChanges: number;
  listRows: number;
  publications: number;
  savedViews: number;
  relationships: number;
  suppressedHashes: number;
}

/**
 * Erases candidate `id` inside `tx`: pipeline entries to tombstones, list rows
 * anonymised, sole-authored papers and views of them removed, the candidate
 * and its relationships deleted, the identifier hashes put on the suppression list.
 */
export async function eraseCandidateTx(
  tx: ManagedTransaction,
  { id, idPattern, hashes, today }: { id: string; idPattern: string; hashes: string[]; today: string },
): Promise<ErasureCounts> {
  const one = async (name: keyof typeof q, params: Record<string, unknown>) => toRows(await tx.run(q[name], params))[0] ?? {};
  const pipeline = await one('candidate-erase-pipeline', { id });
  const rows = await one('candidate-erase-list-rows', { id });
  const publications = await one('candidate-erase-publications', { id });
  const views = await one('candidate-erase-saved-views', { idPattern });
  const candidate = await one('candidate-erase', { id });
  await one('talent-changes-forget', { id, marks: [DATA_VERSION_ID, TALENT_VERSION_ID] });
  const suppressed = await one('suppressed-add', { hashes, today });
  return {
    pipelineEntries: (pipeline.entries as number | undefined) ?? 0,
    stageChanges: (pipeline.changes as number | undefined) ?? 0,
    listRows: (rows.rows as number | undefined) ?? 0,
    publications: (publications.publications as number | undefined) ?? 0,
    savedViews: (views.savedViews as number | undefined) ?? 0,
    relationships: (candidate.relationships as number | undefined) ?? 0,
    suppressedHashes: (suppressed.hashes as number | undefined) ?? 0,
  };
}

export interface InformedRow {
  id: string;
  /** False when the notice's date came before `obtainedAt` (or the earliest date): nothing was written. */
  recorded: boolean;
  obtainedAt: string | null;
  informedAt: string;
  informedHow: string;
  firstContactAt: string;
  lastContactAt: string;
}

/**
 * Records the notice in one transaction with `check`, which sees the statement's row (none for
 * an unknown candidate) and throws to refuse it: the transaction then rolls back with the change
 * marks it would move, so a refused request leaves the graph and every cache as they were.
 */
export async function setInformed(
  db: Database,
  write: { id: string; at: string; how: string; earliest: string },
  check: (row: InformedRow | undefined) => asserts row is InformedRow,
  /** Runs in the same transaction once the date is written (the audit event): both commit or neither. */
  alongside?: (tx: ManagedTransaction, row: InformedRow) => Promise<unknown>,
): Promise<InformedRow> {
  return db.writeTx(
    async (tx: ManagedTransaction) => {
      const [row] = toRows(await tx.run(q['candidate-informed-set'], write)) as unknown as (InformedRow | undefined)[];
      check(row);
      await alongside?.(tx, row);
      return row;
    },
    // The notice changes this one person's own data: a kept pool ranking scores only them again.
    { changedCandidates: (row) => [row.id] },
  );
}

export interface NoticeDueRow {
  id: string;
  name: string | null;
  hub: { id: string; name: string } | null;
  lawfulBasis: string | null;
  sources: string[];
  obtainedAt: string | null;
  firstContactAt: string | null;
  /** The deadline as the query sorted by (`0001-01-01` for none), for the cursor. */
  sortKey: string;
}

export async function findNoticeDue(
  db: Database,
  page: { noticeMonths: number; cursor: { key: string; id: string } | null; limit: number },
): Promise<NoticeDueRow[]> {
  const rows = await db.read(q['privacy-notice-due'], {
    noticeMonths: int(page.noticeMonths),
    cursorKey: page.cursor?.key ?? null,
    cursorId: page.cursor?.id ?? null,
    limit: int(page.limit),
  });
  return rows.map((r) => ({ ...(r as unknown as NoticeDueRow), sources: Array.isArray(r.sources) ? (r.sources as string[]) : [String(r.sources)] }));
}

export async function countNoticeDue(db: Database, { noticeMonths, today }: { noticeMonths: number; today: string }): Promise<{ due: number; overdue: number }> {
  const [row] = await db.read(q['privacy-notice-counts'], { noticeMonths: int(noticeMonths), today });
  return row as unknown as { due: number; overdue: number };
}

export interface RetentionDueRow {
  id: string;
  name: string | null;
  country: string | null;
  lawfulBasis: string | null;
  obtainedAt: string | null;
  lastContactAt: string | null;
}

export async function findRetentionDue(db: Database, cutoffs: Record<string, { standard: string; consent: string | null }>): Promise<RetentionDueRow[]> {
  return (await db.read(q['privacy-retention-due'], { cutoffs })) as unknown as RetentionDueRow[];
}

type Props = Record<string, unknown>;

export interface DsarRow {
  properties: Props;
  /** 'p:' or 'e:' and the key. */
  formerKeys: string[];
  hubs: { hubId: string; hubName: string; countryCode: string | null; properties: Props }[];
  career: { current: boolean; employerId: string; employerName: string | null; properties: Props }[];
  skills: { skillId: string; skillName: string | null; properties: Props }[];
  publications: { publicationId: string; title: string | null; year: number | null; venue: string | null; properties: Props }[];
  education: { institutionId: string; institutionName: string | null; properties: Props }[];
  pipeline: { searchId: string; searchTitle: string | null; client: string | null; properties: Props; history: Props[] }[];
  lists: { listId: string; listName: string; week: string; status: string; properties: Props }[];
  otherRelationships: { type: string; direction: 'outgoing' | 'incoming'; otherLabels: string[]; otherId: string | null; properties: Props }[];
}

/** The relationship types the access request reads by kind; any other type is listed as it is. */
export const DSAR_KNOWN_TYPES = ['HAD_IDENTIFIER', 'BASED_IN', 'WORKS_AT', 'WORKED_AT', 'HAS_SKILL', 'AUTHORED', 'STUDIED_AT', 'FOR', 'OF'] as const;

export async function findDsar(tx: ManagedTransaction, id: string): Promise<DsarRow | undefined> {
  const [row] = toRows(await tx.run(q['candidate-dsar'], { id, knownTypes: [...DSAR_KNOWN_TYPES] }));
  return row as unknown as DsarRow | undefined;
}
