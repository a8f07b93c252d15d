import type { Database } from '../db/neo4j.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { readDataVersion } from '../repositories/data-version.repository.ts';
import { type PointRow, type PoolItemRow, findHubMap, findPoolPage } from '../repositories/hubs.repository.ts';
import { IdSchema, type LatLon, SEGMENTS, type Segment, type SegmentCounts, type Seniority } from '../schemas/common.schema.ts';
import {
  type HubSummary,
  type HubsResponse,
  type PoolCandidate,
  type PoolFilter,
  type PoolQuery,
  type PoolResponse,
} from '../schemas/pool.schema.ts';
import { DEFAULT_RANKING_PROFILE, RANKING_PROFILES, type RankingProfile } from '../schemas/ranking.schema.ts';
import { assertKnownIds } from './catalog.service.ts';
import { isoDay } from './clock.ts';
import { noticeOf } from './privacy.service.ts';

/** The distance scale of a hub stored without `catchmentKm` (README: ATLAS_HUB_RADIUS_KM's default). */
export const FALLBACK_CATCHMENT_KM = 100;

export function toLatLon(point: PointRow | null | undefined): LatLon | null {
  return point ? { latitude: point.y, longitude: point.x } : null;
}

/** The filter ids that must name existing nodes, with the field each came from. */
function filterIdChecks(filter: PoolFilter) {
  return [
    { field: 'query.allSkills', kind: 'skills' as const, ids: filter.allSkills },
    { field: 'query.anySkills', kind: 'skills' as const, ids: filter.anySkills },
    { field: 'query.sectors', kind: 'sectors' as const, ids: filter.sectors },
  ];
}

function emptySegmentCounts(): SegmentCounts {
  return Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as SegmentCounts;
}

/**
 * Hub map results keyed on the database's data version and the filters; the
 * version changes with every commit, so an entry is never stale.
 */
export class HubMapCache {
  private version = '';
  private readonly entries = new Map<string, HubsResponse>();
  constructor(private readonly maxEntries = 200) {}

  get(version: string, key: string): HubsResponse | undefined {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
      return undefined;
    }
    return this.entries.get(key);
  }

  set(version: string, key: string, value: HubsResponse): void {
    if (version !== this.version) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}

function filterKey(filter: PoolFilter): string {
  const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();
  return JSON.stringify([
    sorted(filter.allSkills),
    sorted(filter.anySkills),
    sorted(filter.sectors),
    sorted(filter.seniority),
    sorted(filter.segment),
    filter.passiveOnly ?? false,
    filter.openToWork ?? false,
  ]);
}

export async function listHubs(db: Database, filter: PoolFilter, cache?: HubMapCache): Promise<HubsResponse> {
  await assertKnownIds(db, filterIdChecks(filter));
  const version = cache ? await readDataVersion(db) : '';
  const key = filterKey(filter);
  const cached = cache?.get(version, key);
  if (cached) return cached;
  const rows = await findHubMap(db, filter);
  const hubs = rows.map((row): HubSummary => {
    const segments = emptySegmentCounts();
    let passive = 0;
    let active = 0;
    for (const group of row.groups) {
      if (group.n === 0) continue;
      if (group.segment !== null && (SEGMENTS as readonly string[]).includes(group.segment)) segments[group.segment as Segment] += group.n;
      if (group.passive) passive += group.n;
      else active += group.n;
    }
    return {
      id: row.id,
      name: row.name,
      countryCode: row.countryCode,
      countryName: row.countryName,
      location: toLatLon(row.location),
      catchmentKm: row.catchmentKm,
      counts: { total: passive + active, segments, passive, active },
    };
  });
  const response = { hubs };
  cache?.set(version, key, response);
  return response;
}

/** Pool pages resume after the last (score, id) seen, encoded opaquely. */
export function encodeCursor(score: number, id: string): string {
  return Buffer.from(JSON.stringify([score, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { score: number; id: string } {
  const invalid = () => new BadRequestError('Invalid query.cursor: not a cursor this API issued', [{ field: 'query.cursor', message: 'malformed cursor' }]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'number' ||
    !Number.isFinite(decoded[0]) ||
    decoded[0] < 0 ||
    decoded[0] > 1 ||
    !IdSchema.safeParse(decoded[1]).success
  ) {
    throw invalid();
  }
  return { score: decoded[0], id: decoded[1] as string };
}

export interface PoolOptions {
  now: Date;
  defaultProfile?: keyof typeof RANKING_PROFILES;
}

export async function rankPool(db: Database, hubId: string, query: PoolQuery, { now, defaultProfile = DEFAULT_RANKING_PROFILE }: PoolOptions): Promise<PoolResponse> {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  await assertKnownIds(db, [{ field: 'params.hubId', kind: 'hubs', ids: [hubId], resource: true }, ...filterIdChecks(query)]);
  const profile: RankingProfile = RANKING_PROFILES[query.profile ?? defaultProfile];
  const targetSeniority: Seniority[] = query.targetSeniority?.length
    ? query.targetSeniority
    : query.seniority?.length
      ? query.seniority
      : [...profile.targetSeniority];
  const requiredSkills = [...new Set([...(query.allSkills ?? []), ...(query.anySkills ?? [])])];
  const page = await findPoolPage(db, {
    hubId,
    filter: query,
    radiusKm: query.radiusKm ?? null,
    defaultCatchmentKm: FALLBACK_CATCHMENT_KM,
    requiredSkills,
    targetSeniority,
    profile,
    today: isoDay(now),
    cursor,
    limit: query.limit + 1,
  });
  if (!page) throw new NotFoundError(`No hub "${hubId}"`, [{ field: 'params.hubId', value: hubId }]);
  const rows = page.items.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    hub: { id: page.hubId, name: page.hubName },
    radiusKm: query.radiusKm ?? null,
    total: page.total,
    profile,
    targetSeniority,
    items: rows.map((row) => toPoolCandidate(row, { profile, requiredSkills, targetSeniority, scaleKm: page.scaleKm, now })),
    nextCursor: page.items.length > query.limit && last ? encodeCursor(last.score, last.id) : null,
  };
}

function toPoolCandidate(
  row: PoolItemRow,
  { profile, requiredSkills, targetSeniority, scaleKm, now }: { profile: RankingProfile; requiredSkills: string[]; targetSeniority: Seniority[]; scaleKm: number; now: Date },
): PoolCandidate {
  const notice = noticeOf(row, now);
  const w = profile.weights;
  const sum = w.skills + w.sector + w.seniority + w.distance + w.movability;
  const term = (weight: number, value: number) => ({ value, weight, contribution: (weight * value) / sum });
  const matchedIds = new Set(row.matchedSkills.map((m) => m.skillId));
  return {
    id: row.id,
    name: row.name,
    seniority: row.seniority as Seniority | null,
    segment: row.segment as Segment | null,
    passive: row.passive,
    openToWork: row.openToWork,
    location: toLatLon(row.location),
    basedInHub: row.basedInHub,
    currentRole: row.currentRole,
    score: {
      total: row.score,
      terms: {
        skills: {
          ...term(w.skills, row.skillsFit),
          required: requiredSkills,
          matched: row.matchedSkills,
          missing: requiredSkills.filter((id) => !matchedIds.has(id)),
        },
        sector: {
          ...term(w.sector, row.sectorFit),
          kind: row.sector.kind,
          employerId: row.sector.employerId,
          employerName: row.sector.employerName,
          sectorId: row.sector.sectorId,
          sectorName: row.sector.sectorName,
          targetSectorId: row.sector.targetSectorId,
        },
        seniority: { ...term(w.seniority, row.seniorityFit), seniority: row.seniority as Seniority | null, target: targetSeniority },
        distance: { ...term(w.distance, row.distanceFit), distanceKm: row.distanceKm, scaleKm },
        movability: { ...term(w.movability, row.movabilityFit), yearsInRole: row.yearsInRole, passive: row.passive, openToWork: row.openToWork },
      },
    },
    noticeDue: notice.status !== 'informed',
    noticeOverdue: notice.status === 'overdue',
    noticeDueBy: notice.status === 'informed' ? null : notice.dueBy,
  };
}
