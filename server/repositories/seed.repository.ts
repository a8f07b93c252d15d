import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import { type Database, int, toRows } from '../db/neo4j.ts';
import type { CandidateBatch, EmployerRow, ReferenceRows, TeamBatch } from '../seed/rows.ts';

/**
 * Writes the demo world (and small hand-made graphs in tests) with UNWIND
 * batches; every statement MERGEs on a constrained key, so writing the same
 * rows twice changes nothing. Each function is one write transaction.
 */

const q = defineQueries(
  'world-is-empty',
  'world-clear',
  'world-counts',
  'seed-countries',
  'seed-hubs',
  'seed-sectors',
  'seed-pivots',
  'seed-skills',
  'seed-institutions',
  'seed-world',
  'seed-world-find',
  'seed-employers',
  'seed-candidates',
  'seed-candidate-hubs',
  'seed-candidate-current-jobs',
  'seed-candidate-past-jobs',
  'seed-candidate-skills',
  'seed-candidate-education',
  'seed-candidate-authorships',
  'seed-publications',
  'seed-team-members',
  'seed-team-current-jobs',
  'seed-team-past-jobs',
  'seed-team-authorships',
  'seed-team-links',
);

/** The key of the one World node the demo seeder maintains. */
export const DEMO_WORLD_KEY = 'demo';

export interface WorldRecord {
  name: string;
  seed: number;
  candidates: number;
  version: number;
  fingerprint: string;
  complete: boolean;
}

export interface DatabaseContents {
  world: WorldRecord | null;
  /** Candidates with no world tag: imported, or written by something other than the seeder. */
  untagged: number;
  /** Candidates tagged with a world other than the one asked about. */
  otherTagged: number;
}

/** What `--replace` deletes, in counts (its audit event holds these). */
export interface WorldCounts {
  candidates: number;
  employers: number;
  searches: number;
  lists: number;
  savedViews: number;
}

/** No world node: the installation's own records (server/db/labels.ts) do not count. */
export async function isWorldEmpty(db: Database): Promise<boolean> {
  const [row] = await db.read(q['world-is-empty']);
  return row?.empty === true;
}

export async function countWorld(db: Database): Promise<WorldCounts> {
  const [row] = await db.read(q['world-counts']);
  return row as unknown as WorldCounts;
}

/**
 * Deletes the world and the team's work on it in batches, keeping the
 * installation's own records (users, tokens, the audit trail, the suppression
 * list, the change mark) and the schema.
 */
export async function clearWorld(db: Database): Promise<void> {
  await db.autoCommit(q['world-clear']);
}

export async function findContents(db: Database, tag: string): Promise<DatabaseContents> {
  const [row] = await db.read(q['seed-world-find'], { key: DEMO_WORLD_KEY, tag });
  return {
    world: (row?.world as WorldRecord | null) ?? null,
    untagged: (row?.untagged as number) ?? 0,
    otherTagged: (row?.otherTagged as number) ?? 0,
  };
}

export async function writeWorldRecord(db: Database, record: WorldRecord): Promise<void> {
  await db.write(q['seed-world'], {
    key: DEMO_WORLD_KEY,
    ...record,
    seed: int(record.seed),
    candidates: int(record.candidates),
    version: int(record.version),
  });
}

/** Countries, hubs, sectors with their pivots, skills and institutions, in one transaction. */
export async function writeReference(db: Database, rows: Partial<ReferenceRows>): Promise<void> {
  await db.writeTx(async (tx) => {
    await run(tx, 'seed-countries', { countries: rows.countries });
    await run(tx, 'seed-hubs', { hubs: rows.hubs });
    await run(tx, 'seed-sectors', { sectors: rows.sectors });
    await run(tx, 'seed-pivots', { pivots: rows.pivots });
    await run(tx, 'seed-skills', { skills: rows.skills });
    await run(tx, 'seed-institutions', { institutions: rows.institutions });
  });
}

export async function writeEmployers(db: Database, employers: EmployerRow[]): Promise<void> {
  await db.writeTx((tx) => run(tx, 'seed-employers', { employers }));
}

/** Publications first, then the candidates and everything hanging off them. */
export async function writeCandidateBatch(db: Database, batch: Partial<CandidateBatch>): Promise<void> {
  await db.writeTx(async (tx) => {
    await run(tx, 'seed-publications', { publications: batch.publications });
    await run(tx, 'seed-candidates', { candidates: batch.candidates });
    await run(tx, 'seed-candidate-hubs', { candidates: batch.candidates?.filter((c) => c.hubId !== null) });
    await run(tx, 'seed-candidate-current-jobs', { jobs: batch.currentJobs });
    await run(tx, 'seed-candidate-past-jobs', { jobs: batch.pastJobs });
    await run(tx, 'seed-candidate-skills', { skills: batch.skills });
    await run(tx, 'seed-candidate-education', { education: batch.education });
    await run(tx, 'seed-candidate-authorships', { authorships: batch.authorships });
  });
}

export async function writeTeam(db: Database, team: Partial<TeamBatch>): Promise<void> {
  await db.writeTx(async (tx) => {
    await run(tx, 'seed-publications', { publications: team.publications });
    await run(tx, 'seed-team-members', { members: team.members });
    await run(tx, 'seed-team-current-jobs', { jobs: team.currentJobs });
    await run(tx, 'seed-team-past-jobs', { jobs: team.pastJobs });
    await run(tx, 'seed-team-authorships', { authorships: team.authorships });
  });
}

/** Distinct team member–candidate pairs linked as former colleagues and as co-authors. */
export async function countTeamLinks(db: Database, today: string): Promise<{ colleagues: number; coauthors: number }> {
  const [row] = await db.read(q['seed-team-links'], { today });
  return { colleagues: (row?.colleagues as number) ?? 0, coauthors: (row?.coauthors as number) ?? 0 };
}

/** Skips empty lists: a hand-made graph passes only the rows it needs. */
async function run(tx: ManagedTransaction, name: keyof typeof q, params: Record<string, unknown[] | undefined>) {
  const [rows] = Object.values(params);
  if (!rows || rows.length === 0) return [];
  return toRows(await tx.run(q[name], params));
}
