import { defineQueries } from '../db/cypher.ts';
import { type Database, LEAVES_TALENT_GRAPH, int } from '../db/neo4j.ts';

const q = defineQueries(
  'list-create',
  'lists-find',
  'list-pool-rows',
  'list-search-rows',
  'snapshot-begin',
  'snapshot-rows-write',
  'snapshot-rank',
  'snapshot-complete',
  'snapshot-abandon',
  'snapshot-rows-purge',
  'snapshots-superseded-delete',
  'snapshot-find',
  'snapshot-rows-stream',
  'snapshot-dropped-stream',
);

export interface NewList {
  id: string;
  name: string;
  kind: 'pool' | 'search';
  hubId: string | null;
  searchId: string | null;
  /** The pool filters as a JSON string (a property cannot hold a map). */
  filters: string;
  radiusKm: number | null;
  profile: string | null;
  targetSeniority: string[];
  actor: string | null;
  now: string;
}

export async function createList(db: Database, list: NewList): Promise<void> {
  await db.write(q['list-create'], { ...list }, LEAVES_TALENT_GRAPH);
}

export interface ListRow {
  id: string;
  name: string;
  kind: 'pool' | 'search';
  hubId: string | null;
  hubName: string | null;
  hubExists: boolean;
  searchId: string | null;
  searchTitle: string | null;
  searchExists: boolean;
  filters: string | null;
  radiusKm: number | null;
  profile: string | null;
  targetSeniority: string[];
  createdAt: string;
  createdBy: string | null;
  snapshots: { id: string; week: string; takenAt: string; rows: number }[];
}

/** One list, or every list when id is null (newest first). */
export async function findLists(db: Database, id: string | null): Promise<ListRow[]> {
  return (await db.read(q['lists-find'], { id })) as unknown as ListRow[];
}

/** A row as a snapshot records it: ids and that week's facts, never contact details. */
export interface SnapshotRowData {
  candidateId: string;
  /** Null for a pool list's rows until rankSnapshotRows orders them. */
  rank: number | null;
  score: number | null;
  skillsFit: number | null;
  sectorFit: number | null;
  seniorityFit: number | null;
  distanceFit: number | null;
  movabilityFit: number | null;
  stage: string | null;
  title: string | null;
  employerId: string | null;
  employerName: string | null;
  sectorId: string | null;
  sectorName: string | null;
  hubId: string | null;
  hubName: string | null;
  segment: string | null;
  seniority: string | null;
}

/** What list-pool-rows.cypher and list-search-rows.cypher return for each person. */
export interface SourceRow {
  candidateId: string;
  seniority: string | null;
  segment: string | null;
  currentRole: { employerId: string; employerName: string; title: string | null } | null;
  sector: { sectorId: string | null; sectorName: string | null };
  homeHubId: string | null;
  homeHubName: string | null;
  stage: string | null;
  score?: number;
  skillsFit?: number;
  sectorFit?: number;
  seniorityFit?: number;
  distanceFit?: number;
  movabilityFit?: number;
}

/** Parameters as hubs.repository's poolRankParams builds them for hub-pool-rank.cypher. */
export function streamPoolRows(db: Database, params: Record<string, unknown>): AsyncIterable<SourceRow> {
  return db.stream(q['list-pool-rows'], params) as AsyncIterable<unknown> as AsyncIterable<SourceRow>;
}

export function streamSearchRows(db: Database, searchId: string, stageOrder: readonly string[]): AsyncIterable<SourceRow> {
  return db.stream(q['list-search-rows'], { searchId, stageOrder }) as AsyncIterable<unknown> as AsyncIterable<SourceRow>;
}

export interface SnapshotStart {
  alreadyTaken: boolean;
  existingId: string | null;
  existingRows: number | null;
  existingTakenAt: string | null;
}

export async function beginSnapshot(
  db: Database,
  start: { listId: string; snapshotId: string; week: string; replace: boolean; now: string },
): Promise<SnapshotStart | undefined> {
  const [row] = await db.write(q['snapshot-begin'], start, LEAVES_TALENT_GRAPH);
  return row as unknown as SnapshotStart | undefined;
}

export async function writeSnapshotRows(db: Database, snapshotId: string, rows: SnapshotRowData[]): Promise<void> {
  await db.write(q['snapshot-rows-write'], { snapshotId, rows }, LEAVES_TALENT_GRAPH);
}

/** Numbers a pool snapshot's rows 1…n by score, then candidate id, once all are written (batched, auto-commit). */
export async function rankSnapshotRows(db: Database, snapshotId: string): Promise<void> {
  await db.autoCommit(q['snapshot-rank'], { snapshotId, sliceSize: int(10_000) }, LEAVES_TALENT_GRAPH);
}

/** The snapshot's status after completing it; undefined when another run superseded it first. */
export async function completeSnapshot(
  db: Database,
  done: { snapshotId: string; rowCount: number; replace: boolean; now: string },
): Promise<{ status: 'complete' | 'superseded'; takenAt: string } | undefined> {
  const [row] = await db.write(q['snapshot-complete'], done, LEAVES_TALENT_GRAPH);
  return row as { status: 'complete' | 'superseded'; takenAt: string } | undefined;
}

/** Marks a failed run's pending snapshot superseded, so it is purged and never read. */
export async function abandonSnapshot(db: Database, snapshotId: string): Promise<void> {
  await db.write(q['snapshot-abandon'], { snapshotId }, LEAVES_TALENT_GRAPH);
}

/** Removes a list's superseded snapshots and their rows (batched, auto-commit). */
export async function purgeSupersededSnapshots(db: Database, listId: string): Promise<void> {
  await db.autoCommit(q['snapshot-rows-purge'], { listId }, LEAVES_TALENT_GRAPH);
  await db.write(q['snapshots-superseded-delete'], { listId }, LEAVES_TALENT_GRAPH);
}

export interface SnapshotPair {
  id: string | null;
  week: string | null;
  takenAt: string | null;
  rows: number | null;
  previousId: string | null;
  previousWeek: string | null;
}

/** The week's complete snapshot (id null when there is none) and the latest one before it. */
export async function findSnapshot(db: Database, listId: string, week: string): Promise<SnapshotPair | undefined> {
  const [row] = await db.read(q['snapshot-find'], { listId, week });
  return row as unknown as SnapshotPair | undefined;
}

export interface ListedRow {
  rank: number;
  candidateId: string;
  name: string | null;
  profileUrl: string | null;
  title: string | null;
  employerName: string | null;
  sectorName: string | null;
  hubName: string | null;
  segment: string | null;
  seniority: string | null;
  score: number | null;
  skillsFit: number | null;
  sectorFit: number | null;
  seniorityFit: number | null;
  distanceFit: number | null;
  movabilityFit: number | null;
  stage: string | null;
  previousRank: number | null;
  previousStage: string | null;
  wasListed: boolean;
}

/** A snapshot's rows in rank order, each beside the same person's previous row. */
export function streamSnapshotRows(db: Database, snapshotId: string, previousId: string | null): AsyncIterable<ListedRow> {
  return db.stream(q['snapshot-rows-stream'], { snapshotId, previousId }) as AsyncIterable<unknown> as AsyncIterable<ListedRow>;
}

export const SNAPSHOT_ROWS_QUERY = q['snapshot-rows-stream'];

export interface DroppedRow {
  previousRank: number;
  candidateId: string | null;
  present: boolean;
  name: string | null;
  profileUrl: string | null;
  title: string | null;
  employerId: string | null;
  employerName: string | null;
  sectorName: string | null;
  hubId: string | null;
  hubName: string | null;
  segment: string | null;
  seniority: string | null;
  score: number | null;
  skillsFit: number | null;
  sectorFit: number | null;
  seniorityFit: number | null;
  distanceFit: number | null;
  movabilityFit: number | null;
  previousStage: string | null;
  hubIdNow: string | null;
  hubNameNow: string | null;
  employerIdNow: string | null;
  employerNameNow: string | null;
  employerNowTarget: boolean;
  stageNow: string | null;
}

/** The previous snapshot's rows whose person is not on this one, with the facts that say why. */
export function streamDroppedRows(db: Database, snapshotId: string, previousId: string, searchId: string | null): AsyncIterable<DroppedRow> {
  return db.stream(q['snapshot-dropped-stream'], { snapshotId, previousId, searchId }) as AsyncIterable<unknown> as AsyncIterable<DroppedRow>;
}

export const DROPPED_ROWS_QUERY = q['snapshot-dropped-stream'];
