import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../db/cypher.ts';
import { type Database, LEAVES_TALENT_GRAPH, int, toRows } from '../db/neo4j.ts';

const q = defineQueries(
  'search-create',
  'search-summaries',
  'search-pipeline',
  'pipeline-entry-lock',
  'pipeline-entry-set-stage',
  'market-map-cells',
  'market-map-unplaced',
);

type Ref = { id: string; name: string };

export interface NewSearch {
  id: string;
  title: string;
  client: string;
  seniority: string[];
  targetDays: number;
  hubIds: string[];
  skillIds: string[];
  sectorIds: string[];
  employerIds: string[];
  now: string;
}

export async function createSearch(db: Database, search: NewSearch): Promise<void> {
  await db.write(q['search-create'], { ...search, targetDays: int(search.targetDays) }, LEAVES_TALENT_GRAPH);
}

export interface SearchSummaryRow {
  id: string;
  title: string;
  client: string;
  createdAt: string;
  targetDays: number;
  seniority: string[];
  hubs: Ref[];
  requiredSkills: Ref[];
  sectors: Ref[];
  targetEmployers: Ref[];
  stages: string[];
  placements: string[];
}

/** One search's summary, or every search's when id is null. */
export async function findSearchSummaries(db: Database, id: string | null): Promise<SearchSummaryRow[]> {
  return (await db.read(q['search-summaries'], { id })) as unknown as SearchSummaryRow[];
}

export interface PipelineRow {
  searchId: string;
  candidateId: string | null;
  candidateName: string | null;
  stage: string;
  stageSince: string;
  note: string | null;
  history: { stage: string; at: string; note: string | null }[];
}

export async function findPipeline(db: Database, searchId: string): Promise<PipelineRow[]> {
  return (await db.read(q['search-pipeline'], { id: searchId })) as unknown as PipelineRow[];
}

export interface StageWrite {
  searchId: string;
  candidateId: string;
  entryId: string;
  stage: string;
  note: string | null;
  now: string;
  /** Stages that mean the team communicated with the person (their contact dates are set). */
  contactStages: readonly string[];
}

/**
 * Locks the entry, reads its current stage and writes the new one in one
 * transaction, so `check` (the transition rule) sees exactly the stage it
 * replaces: concurrent moves of one entry run one after another, each judged
 * against the stage the previous one left. A throwing `check` rolls back.
 * `alongside` (the audit event) runs in the same transaction after the write,
 * so the move and its record commit together or not at all.
 */
export async function setStage(
  db: Database,
  write: StageWrite,
  check: (current: string | null) => void,
  alongside?: (tx: ManagedTransaction, result: { changed: boolean }) => Promise<unknown>,
): Promise<{ changed: boolean }> {
  return db.writeTx(async (tx: ManagedTransaction) => {
    const [current] = toRows(
      await tx.run(q['pipeline-entry-lock'], { searchId: write.searchId, candidateId: write.candidateId, entryId: write.entryId, now: write.now }),
    );
    check((current?.stage as string | undefined) ?? null);
    const [row] = toRows(await tx.run(q['pipeline-entry-set-stage'], write));
    const result = { changed: Boolean(row?.changed) };
    await alongside?.(tx, result);
    return result;
  }, LEAVES_TALENT_GRAPH);
}

export interface MarketMapRow {
  sector: Ref;
  hub: Ref;
  employer: Ref;
  people: number;
  inPipeline: number;
  /** Everyone counted in `people`, and those of them in the pipeline with their stage. */
  peopleIds: string[];
  entries: { id: string; stage: string }[];
  candidates: {
    id: string;
    name: string | null;
    title: string | null;
    seniority: string | null;
    segment: string | null;
    stage: string | null;
    stageSince: string | null;
  }[];
}

export async function findMarketMap(db: Database, searchId: string, candidatesPerEmployer: number): Promise<{ cells: MarketMapRow[]; unplaced: Ref[] }> {
  const [cells, unplaced] = await Promise.all([
    db.read(q['market-map-cells'], { id: searchId, candidatesPerEmployer: int(candidatesPerEmployer) }),
    db.read(q['market-map-unplaced'], { id: searchId }),
  ]);
  return { cells: cells as unknown as MarketMapRow[], unplaced: unplaced as unknown as Ref[] };
}

export const MARKET_MAP_CELLS_QUERY = q['market-map-cells'];
export const MARKET_MAP_UNPLACED_QUERY = q['market-map-unplaced'];
export const SEARCH_SUMMARIES_QUERY = q['search-summaries'];
