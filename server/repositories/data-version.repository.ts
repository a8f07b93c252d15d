import { defineQueries } from '../db/cypher.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import { DATA_VERSION_ID, type Database, TALENT_VERSION_ID, int, toRows } from '../db/neo4j.ts';

const q = defineQueries('data-version-probe', 'talent-changes');

/** The probe and its parameters, for the API benchmark's bare-driver baseline. */
export const DATA_VERSION_PROBE_QUERY = q['data-version-probe'];
export const DATA_VERSION_PROBE_PARAMS = { ids: [DATA_VERSION_ID, TALENT_VERSION_ID] };
/** The log's statement, likewise (its parameters: `after` and `until`, two places in the log, and `limit`). */
export const TALENT_CHANGES_QUERY = q['talent-changes'];

/**
 * Opaque tokens that change with writes through the app, in this process or
 * another (the importer, the seeder), but not with bookkeeping (audit events,
 * token use): see Database.record. Caches of derived data key on them.
 */
export interface DataVersions {
  /** Changes with every write. */
  graph: string;
  /** Changes with every write that may change the talent graph (WriteOptions.talentGraph). */
  talent: string;
  /** How many times the talent mark has moved (its place in the change log); null before the log existed. */
  talentSeq: number | null;
}

/** A moment of the talent mark: its value and its place in the log. */
export interface TalentMark {
  value: string;
  seq: number | null;
}

/** Both marks, in one read. */
export async function readDataVersions(db: Database): Promise<DataVersions> {
  const rows = await db.read(q['data-version-probe'], DATA_VERSION_PROBE_PARAMS);
  const value = (id: string) => {
    const row = rows.find((r) => r.id === id);
    return typeof row?.value === 'string' ? row.value : 'unmarked';
  };
  const talentSeq = rows.find((r) => r.id === TALENT_VERSION_ID)?.seq;
  return { graph: value(DATA_VERSION_ID), talent: value(TALENT_VERSION_ID), talentSeq: typeof talentSeq === 'number' ? talentSeq : null };
}

/**
 * The candidates changed between two moments of the talent mark, from its
 * log (cypher/talent-changes.cypher): undefined unless the log holds every
 * move in between, each chained to the one before (a mark created again, as
 * by clearing the database, breaks the chain; so does a cluster member that
 * has not seen the latest moves yet), none of them a write that may have
 * changed anything, and at most `limit` candidates in all. Read in the
 * caller's transaction, so that what it reads next sees the same moves.
 */
export async function findChangedCandidates(tx: ManagedTransaction, since: TalentMark, now: TalentMark, limit: number): Promise<string[] | undefined> {
  if (since.seq === null || now.seq === null || now.seq < since.seq) return undefined;
  if (now.seq === since.seq) return since.value === now.value ? [] : undefined;
  const [row] = toRows(await tx.run(q['talent-changes'], { after: int(since.seq), until: int(now.seq), limit: int(limit) }));
  const chain = (row?.chain ?? []) as { from: string; to: string }[];
  if (chain.length !== now.seq - since.seq || !Array.isArray(row?.candidates)) return undefined;
  let value = since.value;
  for (const move of chain) {
    if (move.from !== value) return undefined;
    value = move.to;
  }
  return value === now.value ? [...new Set(row.candidates as string[])] : undefined;
}

/** The mark that changes with every write to the talent graph: what the hub map, pools and neighbourhoods derive from. */
export async function readTalentVersion(db: Database): Promise<string> {
  return (await readDataVersions(db)).talent;
}
