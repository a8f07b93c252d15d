import type { ManagedTransaction, QueryResult } from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import { type Database, type Row, toRows } from '../db/neo4j.ts';

/** The statements an import runs for every batch; the benchmark and a test check their plans. */
export const BATCH_STATEMENTS = [
  'import-employers-find',
  'import-employers-merge',
  'import-skills-merge',
  'import-candidates-find',
  'import-candidates-load',
  'import-candidates-create',
  'import-candidates-update',
  'import-based-in-clear',
  'import-based-in-merge',
  'import-works-at-clear',
  'import-works-at-merge',
  'import-worked-at-merge',
  'import-has-skill-merge',
  'import-former-identifiers-add',
  'segments-derive',
] as const;

const q = defineQueries(
  'import-hubs',
  'import-skills',
  ...BATCH_STATEMENTS,
  'candidate-merge',
  'candidate-merge-pair',
  'employer-find',
  'employer-set-sector',
  'employer-people',
  'sector-ids',
);

export type Tx = ManagedTransaction;

/** What a batch's statements changed, summed from the driver's counters. */
export interface WriteCounts {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export const noWrites = (): WriteCounts => ({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 });

export function addWrites(total: WriteCounts, more: WriteCounts): void {
  for (const k of Object.keys(total) as (keyof WriteCounts)[]) total[k] += more[k];
}

function countsOf(result: QueryResult): WriteCounts {
  const c = result.summary.counters.updates();
  return {
    nodesCreated: c.nodesCreated,
    nodesDeleted: c.nodesDeleted,
    relationshipsCreated: c.relationshipsCreated,
    relationshipsDeleted: c.relationshipsDeleted,
    propertiesSet: c.propertiesSet,
  };
}

/** Runs a batch statement unless it has nothing to do. */
async function runBatch(tx: Tx, query: string, params: Record<string, unknown[]>): Promise<WriteCounts> {
  if (Object.values(params).every((list) => list.length === 0)) return noWrites();
  return countsOf(await tx.run(query, params));
}

export interface HubRef {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

export async function loadHubs(db: Database): Promise<HubRef[]> {
  return (await db.read(q['import-hubs'])) as unknown as HubRef[];
}

export async function loadSkills(db: Database): Promise<{ id: string; name: string | null }[]> {
  return (await db.read(q['import-skills'])) as unknown as { id: string; name: string | null }[];
}

/** Existing employer ids by normalised name. */
export async function findEmployersByNormName(db: Database, normNames: string[]): Promise<Map<string, string>> {
  if (normNames.length === 0) return new Map();
  const rows = await db.read(q['import-employers-find'], { normNames });
  return new Map(rows.map((r) => [r.normName as string, r.id as string]));
}

export interface EmployerCreate {
  id: string;
  name: string;
  normName: string;
  kind: string;
}

export const mergeEmployers = (tx: Tx, employers: EmployerCreate[]) => runBatch(tx, q['import-employers-merge'], { employers });
export const mergeSkills = (tx: Tx, skills: { id: string; name: string }[]) => runBatch(tx, q['import-skills-merge'], { skills });

export interface CandidateKey {
  ref: number;
  id: string | null;
  profileKey: string | null;
  emailKey: string | null;
}

export interface FoundCandidate {
  ref: number;
  id: string;
  importHashes: string[];
  /** The identifiers it held before ('p:' or 'e:' and the key; one may be current again), which find it too. */
  formerKeys: string[];
}

/**
 * The candidates the keys find, one entry per key's row and candidate, in the
 * keys' order and for each key by profile, then email, then id: the first
 * candidate a row finds is the one its others merge into. A row whose keys
 * find nobody that way is paired with the first candidate that held one of
 * them before, and with no other: an identifier can pass to another person
 * (a recycled address, a shared inbox), so a former one never merges two
 * candidates, and a current one always wins over it.
 */
export async function findCandidates(tx: Tx, keys: CandidateKey[]): Promise<FoundCandidate[]> {
  if (keys.length === 0) return [];
  const values = (pick: (key: CandidateKey) => string | null) => [...new Set(keys.map(pick).filter((v): v is string => v !== null))];
  const profileKeys = values((k) => k.profileKey);
  const emailKeys = values((k) => k.emailKey);
  const result = await tx.run(q['import-candidates-find'], {
    ids: values((k) => k.id),
    profileKeys,
    emailKeys,
    formerKeys: [...profileKeys.map((k) => `p:${k}`), ...emailKeys.map((k) => `e:${k}`)],
  });
  const byId = new Map<string, Omit<FoundCandidate, 'ref'>>();
  const byProfile = new Map<string, Omit<FoundCandidate, 'ref'>>();
  const byEmail = new Map<string, Omit<FoundCandidate, 'ref'>>();
  const byFormer = new Map<string, Omit<FoundCandidate, 'ref'>>();
  // Sorted by id, so which of several former holders a row finds does not depend on the plan.
  const records = result.records.map((r) => ({
    candidate: { id: r.get('id') as string, importHashes: r.get('importHashes') as string[], formerKeys: r.get('formerKeys') as string[] },
    profileKey: r.get('profileKey') as string | null,
    emailKey: r.get('emailKey') as string | null,
  }));
  records.sort((a, b) => (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0));
  for (const { candidate, profileKey, emailKey } of records) {
    byId.set(candidate.id, candidate);
    if (profileKey !== null) byProfile.set(profileKey, candidate);
    if (emailKey !== null) byEmail.set(emailKey, candidate);
    for (const key of candidate.formerKeys) if (!byFormer.has(key)) byFormer.set(key, candidate);
  }
  const found: FoundCandidate[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    for (const candidate of [key.profileKey && byProfile.get(key.profileKey), key.emailKey && byEmail.get(key.emailKey), key.id && byId.get(key.id)]) {
      if (!candidate) continue;
      const pair = `${key.ref} ${candidate.id}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      found.push({ ref: key.ref, ...candidate });
    }
  }
  const paired = new Set(found.map((f) => f.ref));
  for (const key of keys) {
    if (paired.has(key.ref)) continue;
    const candidate = (key.profileKey && byFormer.get(`p:${key.profileKey}`)) || (key.emailKey && byFormer.get(`e:${key.emailKey}`));
    if (!candidate) continue;
    paired.add(key.ref);
    found.push({ ref: key.ref, ...candidate });
  }
  return found;
}

export interface CandidateState {
  id: string;
  props: Row;
  hubIds: string[];
  /** Element ids of its BASED_IN relationships, for clearBasedIn. */
  basedIn: string[];
  /** `rel`: the WORKS_AT relationship's element id, for clearWorksAt. */
  currentJobs: { employerId: string; title: string | null; since: string | null; rel: string }[];
}

export async function loadCandidates(tx: Tx, ids: string[]): Promise<Map<string, CandidateState>> {
  if (ids.length === 0) return new Map();
  const rows = toRows(await tx.run(q['import-candidates-load'], { ids })) as unknown as CandidateState[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The candidate properties the import statements write, all present (null when absent). */
export interface CandidateProps {
  id: string;
  name: string | null;
  email: string | null;
  emailKey: string | null;
  profileUrl: string | null;
  profileKey: string | null;
  locationText: string | null;
  latitude: number | null;
  longitude: number | null;
  yearsExperience: number | null;
  seniority: string | null;
  openToWork: boolean | null;
  passive: boolean | null;
  sources: string[];
  lawfulBasis: string | null;
  obtainedAt: string | null;
  importHashes: string[];
}

export interface CandidateCreate extends CandidateProps {
  hubs: { id: string; latitude: number; longitude: number }[];
  current: { employerId: string; title: string | null; since: string | null }[];
  jobs: { employerId: string; title: string | null; from: string; to: string | null }[];
  skills: { id: string }[];
}

export const createCandidates = (tx: Tx, rows: CandidateCreate[]) => runBatch(tx, q['import-candidates-create'], { rows });
export const updateCandidates = (tx: Tx, rows: CandidateProps[]) => runBatch(tx, q['import-candidates-update'], { rows });
/** Deletes BASED_IN relationships by the element ids loadCandidates gave in the same transaction. */
export const clearBasedIn = (tx: Tx, relIds: string[]) => runBatch(tx, q['import-based-in-clear'], { relIds });
export const mergeBasedIn = (tx: Tx, rows: { id: string; hubId: string }[]) => runBatch(tx, q['import-based-in-merge'], { rows });
/** Deletes WORKS_AT relationships by the element ids loadCandidates gave in the same transaction. */
export const clearWorksAt = (tx: Tx, relIds: string[]) => runBatch(tx, q['import-works-at-clear'], { relIds });
export const mergeWorksAt = (tx: Tx, rows: { id: string; employerId: string; title: string | null; since: string | null }[]) =>
  runBatch(tx, q['import-works-at-merge'], { rows });
export const mergeWorkedAt = (tx: Tx, rows: { id: string; employerId: string; title: string | null; from: string; to: string | null }[]) =>
  runBatch(tx, q['import-worked-at-merge'], { rows });
export const mergeHasSkill = (tx: Tx, rows: { id: string; skillId: string }[]) => runBatch(tx, q['import-has-skill-merge'], { rows });
export const addFormerIdentifiers = (tx: Tx, rows: { id: string; keys: string[] }[]) => runBatch(tx, q['import-former-identifiers-add'], { rows });

/** Re-derives the segment of candidates whose jobs changed (README, "Segments are derived"). */
export const deriveSegments = (tx: Tx, ids: string[]) => runBatch(tx, q['segments-derive'], { ids });

export async function findCandidatePair(db: Database, ids: string[]): Promise<{ id: string; name: string | null }[]> {
  return (await db.read(q['candidate-merge-pair'], { ids })) as unknown as { id: string; name: string | null }[];
}

/** Merges candidate `duplicateId` into `survivorId` (see cypher/candidate-merge.cypher); false when either is missing. */
/** `today` (YYYY-MM-DD): the end of a current job that stops being current when the one kept has no known start. */
export async function mergeCandidatePair(tx: Tx, survivorId: string, duplicateId: string, today: string): Promise<{ merged: boolean; writes: WriteCounts }> {
  const result = await tx.run(q['candidate-merge'], { survivorId, duplicateId, today });
  return { merged: result.records.length > 0, writes: countsOf(result) };
}

export interface EmployerMatch {
  id: string;
  name: string | null;
  byId: boolean;
  sectorIds: string[];
}

export async function findEmployers(db: Database, ref: string, normName: string): Promise<EmployerMatch[]> {
  return (await db.read(q['employer-find'], { ref, normName })) as unknown as EmployerMatch[];
}

export async function setEmployerSector(
  db: Database,
  employerId: string,
  sectorId: string,
): Promise<{ id: string; name: string | null; sectorId: string; sectorName: string | null; candidates: number } | undefined> {
  let people: string[] = [];
  return db.writeTx(
    async (tx) => {
      const [row] = toRows(await tx.run(q['employer-set-sector'], { employerId, sectorId }));
      if (!row) return undefined;
      people = toRows(await tx.run(q['employer-people'], { employerId })).map((r) => r.id as string);
      for (let i = 0; i < people.length; i += 1000) await deriveSegments(tx, people.slice(i, i + 1000));
      return { ...(row as { id: string; name: string | null; sectorId: string; sectorName: string | null }), candidates: people.length };
    },
    // An employer's sector scores its people, present and past, and no one else.
    { changedCandidates: () => people },
  );
}

export async function listSectors(db: Database): Promise<{ id: string; name: string | null }[]> {
  return (await db.read(q['sector-ids'])) as unknown as { id: string; name: string | null }[];
}

