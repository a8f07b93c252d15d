import { defineQueries } from '../db/cypher.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import { type Database, int, toRows } from '../db/neo4j.ts';
import type { PoolFilter } from '../schemas/pool.schema.ts';
import type { RankingProfile } from '../schemas/ranking.schema.ts';
import { SENIORITIES } from '../schemas/common.schema.ts';
import type { NoticeFacts } from '../privacy/notice.ts';

const q = defineQueries('hub-map', 'hub-pool-rank', 'hub-pool-explain', 'hub-pool-notices', 'hub-top-skills');

export interface PointRow {
  x: number;
  y: number;
}

export interface HubMapRow {
  id: string;
  name: string;
  countryCode: string | null;
  countryName: string | null;
  location: PointRow | null;
  catchmentKm: number | null;
  groups: { segment: string | null; passive: boolean; n: number }[];
}

/** The pool filters as the Cypher files take them: every list present, booleans explicit. */
export function poolFilterParams(filter: PoolFilter) {
  return {
    allSkills: filter.allSkills ?? [],
    anySkills: filter.anySkills ?? [],
    sectors: filter.sectors ?? [],
    seniority: filter.seniority ?? [],
    segments: filter.segment ?? [],
    passiveOnly: filter.passiveOnly ?? false,
    openToWork: filter.openToWork ?? false,
  };
}

export async function findHubMap(db: Database, filter: PoolFilter): Promise<HubMapRow[]> {
  return (await db.read(q['hub-map'], poolFilterParams(filter))) as unknown as HubMapRow[];
}

export interface PoolRankRequest {
  hubId: string;
  filter: PoolFilter;
  radiusKm: number | null;
  defaultCatchmentKm: number;
  requiredSkills: string[];
  targetSeniority: string[];
  profile: RankingProfile;
  today: string;
}

/** A pool member's place in the ranking: its score and the terms that make it up. */
export interface RankedRow {
  id: string;
  basedInHub: boolean;
  distanceKm: number | null;
  yearsInRole: number | null;
  skillsFit: number;
  sectorFit: number;
  seniorityFit: number;
  distanceFit: number;
  movabilityFit: number;
  score: number;
}

/** A window of a hub's pool, ranked by score descending then id, and the pool's size. */
export interface RankedPool {
  hubId: string;
  hubName: string;
  total: number;
  scaleKm: number;
  ranked: RankedRow[];
}

/** A window of the ranking, with every member's id when the pool has at most the window's `memberLimit` (else null). */
export interface RankedWindow extends RankedPool {
  members: string[] | null;
}

/**
 * Which part of the ranking to return: a window after a previous page's last
 * row (or from the top) of `size` rows, and the members' ids for a pool of
 * at most `memberLimit` (default none). With `only`, the pool is narrowed to
 * those candidates, scored as in the whole pool: what a kept ranking needs
 * after a write changed just them.
 */
export interface RankWindow {
  cursor: { score: number; id: string } | null;
  size: number;
  memberLimit?: number;
  only?: readonly string[];
}

/** What a page row shows beside its terms (hub-pool-explain.cypher). */
export interface PoolExplanationRow {
  id: string;
  name: string | null;
  seniority: string | null;
  segment: string | null;
  passive: boolean;
  openToWork: boolean;
  location: PointRow | null;
  currentRole: { employerId: string; employerName: string; title: string | null; since: string | null } | null;
  matchedSkills: { skillId: string; name: string; evidence: string[]; credit: number }[];
  sector: {
    kind: 'target' | 'adjacent' | 'none';
    employerId: string | null;
    employerName: string | null;
    sectorId: string | null;
    sectorName: string | null;
    targetSectorId: string | null;
  };
}

/** What a pool candidate's Art. 14 notice flags are computed from (hub-pool-notices.cypher). */
export interface PoolNoticeRow extends NoticeFacts {
  id: string;
}

export const SENIORITY_RANK: Record<string, number> = Object.fromEntries(SENIORITIES.map((s, i) => [s, i]));

/** Parameters of hub-pool-rank.cypher; the benchmark runs the same statement with them. */
export function poolRankParams(request: PoolRankRequest) {
  const { profile } = request;
  return {
    hubId: request.hubId,
    ...poolFilterParams(request.filter),
    radiusKm: request.radiusKm,
    defaultCatchmentKm: request.defaultCatchmentKm,
    requiredSkills: request.requiredSkills,
    targetSeniority: request.targetSeniority,
    seniorityRank: SENIORITY_RANK,
    adjacentSeniorityFit: profile.adjacentSeniorityFit,
    evidenceCredit: profile.evidence,
    movability: profile.movability,
    weights: profile.weights,
    today: request.today,
  };
}

export const POOL_RANK_QUERY = q['hub-pool-rank'];
export const POOL_EXPLAIN_QUERY = q['hub-pool-explain'];
export const POOL_NOTICES_QUERY = q['hub-pool-notices'];
export const HUB_MAP_QUERY = q['hub-map'];

/** A window of a hub's ranked pool; undefined when the hub does not exist. */
export async function findRankedPool(db: Database, request: PoolRankRequest, window: RankWindow): Promise<RankedWindow | undefined> {
  const [row] = await db.read(q['hub-pool-rank'], { ...poolRankParams(request), ...rankWindowParams(window) });
  return row as unknown as RankedWindow | undefined;
}

/** The same, in the caller's transaction (a kept ranking's update reads the change log first). */
export async function findRankedPoolInTx(tx: ManagedTransaction, request: PoolRankRequest, window: RankWindow): Promise<RankedWindow | undefined> {
  const [row] = toRows(await tx.run(q['hub-pool-rank'], { ...poolRankParams(request), ...rankWindowParams(window) }));
  return row as unknown as RankedWindow | undefined;
}

export function rankWindowParams({ cursor, size, memberLimit = 0, only }: RankWindow) {
  return { cursorScore: cursor?.score ?? null, cursorId: cursor?.id ?? null, window: int(size), memberLimit: int(memberLimit), only: only ?? null };
}

/** The explanations of a page of ranked rows, in their order (an erased candidate has none). */
export async function findPoolExplanations(
  db: Database,
  rows: readonly Pick<RankedRow, 'id' | 'sectorFit'>[],
  { requiredSkills, profile }: { requiredSkills: string[]; profile: RankingProfile },
): Promise<PoolExplanationRow[]> {
  if (rows.length === 0) return [];
  const result = await db.read(q['hub-pool-explain'], {
    rows: rows.map(({ id, sectorFit }) => ({ id, sectorFit })),
    requiredSkills,
    evidenceCredit: profile.evidence,
  });
  return result.map((r) => r.explanation as unknown as PoolExplanationRow);
}

/** The notice dates of a page's candidates (an erased candidate has none). */
export async function findPoolNotices(db: Database, ids: readonly string[]): Promise<PoolNoticeRow[]> {
  if (ids.length === 0) return [];
  return (await db.read(q['hub-pool-notices'], { ids })) as unknown as PoolNoticeRow[];
}

/** The skills most held by the candidates BASED_IN a hub. */
export async function findTopSkills(db: Database, hubId: string, limit: number): Promise<{ id: string; name: string; holders: number }[]> {
  return (await db.read(q['hub-top-skills'], { hubId, limit: int(limit) })) as unknown as { id: string; name: string; holders: number }[];
}
