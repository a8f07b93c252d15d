import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';
import type { PoolFilter } from '../schemas/pool.schema.ts';
import type { RankingProfile } from '../schemas/ranking.schema.ts';
import { SENIORITIES } from '../schemas/common.schema.ts';

const q = defineQueries('hub-map', 'hub-pool-rank', 'hub-top-skills');

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
  cursor: { score: number; id: string } | null;
  limit: number;
}

export interface PoolItemRow {
  id: string;
  name: string | null;
  seniority: string | null;
  segment: string | null;
  passive: boolean;
  openToWork: boolean;
  location: PointRow | null;
  basedInHub: boolean;
  currentRole: { employerId: string; employerName: string; title: string | null; since: string | null } | null;
  distanceKm: number | null;
  yearsInRole: number | null;
  matchedSkills: { skillId: string; name: string; evidence: string[]; credit: number }[];
  sector: {
    fit: number;
    kind: 'target' | 'adjacent' | 'none';
    employerId: string | null;
    employerName: string | null;
    sectorId: string | null;
    sectorName: string | null;
    targetSectorId: string | null;
  };
  skillsFit: number;
  sectorFit: number;
  seniorityFit: number;
  distanceFit: number;
  movabilityFit: number;
  score: number;
  obtainedAt: string | null;
  firstContactAt: string | null;
  informedAt: string | null;
}

export interface PoolPageRow {
  hubId: string;
  hubName: string;
  total: number;
  scaleKm: number;
  items: PoolItemRow[];
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
    cursorScore: request.cursor?.score ?? null,
    cursorId: request.cursor?.id ?? null,
    limit: int(request.limit),
  };
}

export const POOL_RANK_QUERY = q['hub-pool-rank'];
export const HUB_MAP_QUERY = q['hub-map'];

/** One page of a hub's ranked pool; undefined when the hub does not exist. */
export async function findPoolPage(db: Database, request: PoolRankRequest): Promise<PoolPageRow | undefined> {
  const [row] = await db.read(q['hub-pool-rank'], poolRankParams(request));
  return row as unknown as PoolPageRow | undefined;
}

/** The skills most held by the candidates BASED_IN a hub. */
export async function findTopSkills(db: Database, hubId: string, limit: number): Promise<{ id: string; name: string; holders: number }[]> {
  return (await db.read(q['hub-top-skills'], { hubId, limit: int(limit) })) as unknown as { id: string; name: string; holders: number }[];
}
