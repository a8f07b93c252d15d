import { defineQueries } from '../db/cypher.ts';
import { DATA_VERSION_ID, type Database, TALENT_VERSION_ID } from '../db/neo4j.ts';

const q = defineQueries('data-version-probe', 'talent-changes');

/** The probe and its parameters, for the API benchmark's bare-driver baseline. */
export const DATA_VERSION_PROBE_QUERY = q['data-version-probe'];
export const DATA_VERSION_PROBE_PARAMS = { ids: [DATA_VERSION_ID, TALENT_VERSION_ID] };
/** The log's statement, likewise (its parameters: `after` and `until`, two places in the log). */
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
 * by clearing the database, breaks the chain), none of them a write that may
 * have changed anything, and at most `limit` candidates in all.
 */
export async function findChangedCandidates(db: Database, since: TalentMark, now: TalentMark, limit: number): Promise<string[] | undefined> {
  if (since.seq === null || now.seq === null || now.seq < since.seq) return undefined;
  if (now.seq === since.seq) return since.value === now.value ? [] : undefined;
  const rows = await db.read(q['talent-changes'], { after: since.seq, until: now.seq });
  if (rows.length !== now.seq - since.seq) return undefined;
  const changed = new Set<string>();
  let value = since.value;
  for (const row of rows) {
    if (row.from !== value || !Array.isArray(row.candidates)) return undefined;
    for (const id of row.candidates as string[]) changed.add(id);
    if (changed.size > limit) return undefined;
    value = row.to as string;
  }
  return value === now.value ? [...changed] : undefined;
}

/** The mark that changes with every write to the talent graph: what the hub map, pools and neighbourhoods derive from. */
export async function readTalentVersion(db: Database): Promise<string> {
  return (await readDataVersions(db)).talent;
}
