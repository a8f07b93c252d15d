import { createHash } from 'node:crypto';
import type { Database } from '../db/neo4j.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { type DataVersions, type TalentMark, findChangedCandidates, readDataVersions, readTalentVersion } from '../repositories/data-version.repository.ts';
import {
  type PointRow,
  type PoolExplanationRow,
  type PoolNoticeRow,
  type PoolRankRequest,
  type RankedPool,
  type RankedRow,
  type RankedWindow,
  findHubMap,
  findPoolExplanations,
  findPoolNotices,
  findRankedPool,
  findRankedPoolInTx,
  poolRankParams,
} from '../repositories/hubs.repository.ts';
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
import { KeptRows } from './kept-rows.ts';
import { VersionedCache } from './versioned-cache.ts';
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

/** Hub map results per filter, while the graph's change mark stays the same. */
export type HubMapCache = VersionedCache<HubsResponse>;
/**
 * A ranking kept for one request (hub, filters, profile, day): its first rows,
 * the ids of the whole pool when it is no larger than KEPT_MEMBERS, and the
 * talent mark it is up to date with. While the mark stays it answers as is;
 * after writes that changed a few candidates only, it is brought up to date
 * (`updateRanking`); else the pool is ranked afresh.
 */
export interface KeptRanking {
  pool: RankedPool;
  members: ReadonlySet<string> | null;
  mark: TalentMark;
}

/** Kept rankings per request. */
export type PoolRankCache = VersionedCache<KeptRanking>;

/** A cache of rankings that keeps earlier versions' entries, to bring them up to date (they hold ids and scores only). */
export function createPoolRankCache(maxEntries = 32): PoolRankCache {
  return new VersionedCache<KeptRanking>(maxEntries, 60_000, Date.now, true);
}

/**
 * The largest pool whose members a kept ranking holds (about 60 bytes each):
 * knowing whether a changed person was in the pool is what keeps its total
 * right without counting the pool again. A larger pool is ranked afresh after
 * any write to the talent graph.
 */
export const KEPT_MEMBERS = 20_000;

/**
 * The most changed candidates a kept ranking is brought up to date with by
 * scoring them again; more, and the whole pool is ranked afresh (it costs
 * about as much as scoring a few thousand of them).
 */
export const RESCORED_CANDIDATES = 500;

/**
 * Pool pages' explanations, one row per person and what it was explained
 * against, kept while the talent mark stands (they read the talent graph
 * only) and carried past a write that names the people it changed, less
 * theirs (KeptRows); and the pages' notice dates, kept while no write at all
 * was made (a pipeline move or an Art. 14 notice sets them). So a
 * consultant's pipeline move costs the next page one small read, and an
 * import that changed one of its people that person's explanation.
 */
export interface PoolExplanationCache {
  explanations: KeptRows<PoolExplanationRow>;
  notices: VersionedCache<PoolNoticeRow[]>;
}

/** About 1–2 kB a kept explanation, 100 bytes a row of kept notice dates; `pages` of 100 rows. */
export function createPoolExplanationCache(pages = 64): PoolExplanationCache {
  return { explanations: new KeptRows(pages * 100), notices: new VersionedCache(pages) };
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
  const checked = async () => {
    await assertKnownIds(db, filterIdChecks(filter));
    return hubMap(db, filter);
  };
  if (!cache) return checked();
  // The ids are checked with the computation: a kept answer was checked against the same data.
  return (await cache.getOrCompute(await readTalentVersion(db), filterKey(filter), checked))!;
}

async function hubMap(db: Database, filter: PoolFilter): Promise<HubsResponse> {
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
  return { hubs };
}

/**
 * What orders a pool, as a short digest: hub, filters, radius, required skills,
 * target levels and profile (not the page size, nor the day, which moves the
 * scores but not what was asked). A cursor carries it, so one kept from another
 * hub, filter or profile is refused instead of resuming at a place that means
 * nothing in this ranking.
 */
export function rankingDigest(request: PoolRankRequest): string {
  const sorted = (list: readonly string[]) => [...list].sort();
  const definition = JSON.stringify([
    request.hubId,
    filterKey(request.filter),
    request.radiusKm,
    sorted(request.requiredSkills),
    sorted(request.targetSeniority),
    request.profile,
  ]);
  return createHash('sha256').update(definition).digest('base64url').slice(0, 16);
}

/** Pool pages resume after the last (score, id) seen, encoded opaquely with the ranking's digest. */
export function encodeCursor(score: number, id: string, digest: string): string {
  return Buffer.from(JSON.stringify([score, id, digest]), 'utf8').toString('base64url');
}

/** The position `cursor` resumes after, refused unless it was issued for the ranking `digest` names. */
export function decodeCursor(cursor: string, digest: string): { score: number; id: string } {
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
    decoded.length !== 3 ||
    typeof decoded[0] !== 'number' ||
    !Number.isFinite(decoded[0]) ||
    decoded[0] < 0 ||
    decoded[0] > 1 ||
    !IdSchema.safeParse(decoded[1]).success ||
    typeof decoded[2] !== 'string'
  ) {
    throw invalid();
  }
  if (decoded[2] !== digest) {
    throw new BadRequestError('Invalid query.cursor: this cursor belongs to another query', [
      { field: 'query.cursor', message: 'this cursor belongs to another query' },
    ]);
  }
  return { score: decoded[0], id: decoded[1] as string };
}

/**
 * The first rows of a ranking kept per request. Paging through them ranks the pool
 * once; a page past them ranks it again from its cursor, uncached.
 */
export const CACHED_RANK_ROWS = 1000;

export interface PoolOptions {
  now: Date;
  defaultProfile?: keyof typeof RANKING_PROFILES;
  /** Keeps ranked pools while the graph is unchanged; without it every call ranks afresh. */
  cache?: PoolRankCache;
  /** Keeps the explanations and notice dates of pages (used with `cache`). */
  explanations?: PoolExplanationCache;
  /** How many of a ranking's first rows the cache keeps (CACHED_RANK_ROWS). */
  keptRows?: number;
}

export async function rankPool(
  db: Database,
  hubId: string,
  query: PoolQuery,
  { now, defaultProfile = DEFAULT_RANKING_PROFILE, cache, explanations: explained, keptRows = CACHED_RANK_ROWS }: PoolOptions,
): Promise<PoolResponse> {
  const checkIds = () => assertKnownIds(db, [{ field: 'params.hubId', kind: 'hubs', ids: [hubId], resource: true }, ...filterIdChecks(query)]);
  const profile: RankingProfile = RANKING_PROFILES[query.profile ?? defaultProfile];
  const targetSeniority: Seniority[] = query.targetSeniority?.length
    ? query.targetSeniority
    : query.seniority?.length
      ? query.seniority
      : [...profile.targetSeniority];
  const requiredSkills = [...new Set([...(query.allSkills ?? []), ...(query.anySkills ?? [])])];
  const request: PoolRankRequest = {
    hubId,
    filter: query,
    radiusKm: query.radiusKm ?? null,
    defaultCatchmentKm: FALLBACK_CATCHMENT_KM,
    requiredSkills,
    targetSeniority,
    profile,
    today: isoDay(now),
  };
  const digest = rankingDigest(request);
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, digest);
  const { pool, rows: pageRows, more, versions } = await poolPage(db, request, cursor, query.limit, checkIds, cache, keptRows, explained);
  const sectorFits = new Map(pageRows.map((r) => [r.id, r.sectorFit]));
  // An explanation names the job that earned the row's sector fit: the fit is part of what it is kept by.
  const explain = (ids: readonly string[]) =>
    findPoolExplanations(db, ids.map((id) => ({ id, sectorFit: sectorFits.get(id)! })), { requiredSkills, profile });
  const pageIds = pageRows.map((r) => r.id);
  const against = JSON.stringify([requiredSkills, profile.evidence]);
  const readNotices = () => findPoolNotices(db, pageIds);
  const [explanations, noticeRows] =
    explained && versions !== undefined
      ? await Promise.all([
          explained.explanations.read(
            versions.talent,
            pageRows.map((r) => ({ id: r.id, key: `${r.id}\u0000${r.sectorFit}\u0000${against}` })),
            explain,
          ),
          explained.notices.getOrCompute(versions.graph, JSON.stringify(pageIds), readNotices),
        ])
      : await Promise.all([explain(pageIds).then((rows) => new Map(rows.map((e) => [e.id, e]))), readNotices()]);
  const notices = new Map((noticeRows ?? []).map((n) => [n.id, n]));
  const context = { profile, requiredSkills, targetSeniority, scaleKm: pool.scaleKm, now };
  const items: PoolCandidate[] = [];
  for (const ranked of pageRows) {
    const explanation = explanations.get(ranked.id);
    const notice = notices.get(ranked.id);
    // Either missing: the candidate was erased since the ranking (or between the two reads).
    if (explanation && notice) items.push(toPoolCandidate(ranked, explanation, notice, context));
  }
  const last = pageRows.at(-1);
  return {
    hub: { id: pool.hubId, name: pool.hubName },
    radiusKm: query.radiusKm ?? null,
    total: pool.total,
    profile,
    targetSeniority,
    items,
    nextCursor: more && last ? encodeCursor(last.score, last.id, digest) : null,
  };
}

/** One page of the ranking (`limit` rows after `cursor`), and whether more follow. */
async function poolPage(
  db: Database,
  request: PoolRankRequest,
  cursor: { score: number; id: string } | null,
  limit: number,
  checkIds: () => Promise<void>,
  cache: PoolRankCache | undefined,
  keptRows: number,
  explained?: PoolExplanationCache,
): Promise<{ pool: RankedPool; rows: RankedRow[]; more: boolean; versions?: DataVersions }> {
  const notFound = () => new NotFoundError(`No hub "${request.hubId}"`, [{ field: 'params.hubId', value: request.hubId }]);
  let versions: DataVersions | undefined;
  if (cache) {
    versions = await readDataVersions(db);
    const mark: TalentMark = { value: versions.talent, seq: versions.talentSeq };
    const key = JSON.stringify(poolRankParams(request));
    // The ids are checked with the ranking: a kept ranking was checked against the same data (its key holds them all),
    // and one brought up to date changed only in people, whom no filter names.
    const kept = await cache.getOrCompute(
      versions.talent,
      key,
      async () => {
        await checkIds();
        const ranked = await findRankedPool(db, request, { cursor: null, size: keptRows, memberLimit: KEPT_MEMBERS });
        return ranked && { pool: withoutMembers(ranked), members: ranked.members && new Set(ranked.members), mark };
      },
      (earlier) =>
        updateRanking(db, request, earlier, mark, keptRows, (changed) => explained?.explanations.carry(earlier.mark.value, mark.value, changed)),
    );
    if (!kept) throw notFound();
    const top = kept.pool;
    const start = cursor === null ? 0 : top.ranked.findIndex((r) => r.score < cursor.score || (r.score === cursor.score && r.id > cursor.id));
    const end = start + limit;
    // The page lies inside the kept rows, or they reach the end of the pool.
    if (start >= 0 && (end <= top.ranked.length || top.ranked.length === top.total)) {
      return { pool: top, rows: top.ranked.slice(start, end), more: end < top.total, versions };
    }
  } else {
    await checkIds();
  }
  const pool = await findRankedPool(db, request, { cursor, size: limit + 1 });
  if (!pool) throw notFound();
  return { pool, rows: pool.ranked.slice(0, limit), more: pool.ranked.length > limit, versions };
}

function withoutMembers({ members: _members, ...pool }: RankedWindow): RankedPool {
  return pool;
}

/**
 * `earlier` brought up to the talent mark `now`, when the marks' log says which
 * candidates changed in between and there are few of them: they alone are
 * scored again and put in place, and `learnt` is told who they are (kept
 * explanations of the others stay good). Undefined when the pool must be
 * ranked afresh.
 */
async function updateRanking(
  db: Database,
  request: PoolRankRequest,
  earlier: KeptRanking,
  now: TalentMark,
  keptRows: number,
  learnt: (changed: readonly string[]) => void,
): Promise<KeptRanking | undefined> {
  if (!earlier.members) return undefined;
  // One transaction: the scores are read from a graph that has seen every move the log gave.
  const found = await db.readTx(async (tx) => {
    const changed = await findChangedCandidates(tx, earlier.mark, now, RESCORED_CANDIDATES);
    if (!changed || changed.length === 0) return changed && { changed, rows: [] };
    const rescored = await findRankedPoolInTx(tx, request, { cursor: null, size: changed.length, only: changed });
    return rescored && { changed, rows: rescored.ranked };
  });
  if (!found) return undefined;
  learnt(found.changed);
  return mergeRescored(earlier, found.changed, found.rows, now, keptRows);
}

const ranksBefore = (a: RankedRow, b: RankedRow) => a.score > b.score || (a.score === b.score && a.id < b.id);
const byRank = (a: RankedRow, b: RankedRow) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0);

/**
 * A kept ranking with the `changed` candidates taken out and put back where
 * their new scores (`rescored`: those of them now in the pool) place them.
 * The kept rows stay the ranking's exact first rows: a candidate outside them
 * ranked below the last of them, so a changed one enters only above that row.
 * Undefined when too few rows are left to serve pages from (rank afresh).
 */
export function mergeRescored(
  earlier: KeptRanking,
  changed: readonly string[],
  rescored: readonly RankedRow[],
  mark: TalentMark,
  keptRows: number,
): KeptRanking | undefined {
  const { pool, members } = earlier;
  if (!members) return undefined;
  // Writes that changed no one (an import of rows already applied): the same ranking, at the new mark.
  if (changed.length === 0) return { ...earlier, mark };
  const gone = new Set(changed);
  const nextMembers = new Set(members);
  let total = pool.total;
  for (const id of gone) if (nextMembers.delete(id)) total--;
  // Below this row, the kept rows knew nobody; none when they held the whole pool.
  const last = pool.ranked.length < pool.total ? pool.ranked.at(-1) : undefined;
  const rows = pool.ranked.filter((row) => !gone.has(row.id));
  for (const row of rescored) {
    if (!gone.has(row.id) || nextMembers.has(row.id)) continue;
    nextMembers.add(row.id);
    total++;
    if (!last || ranksBefore(row, last)) rows.push(row);
  }
  rows.sort(byRank);
  if (rows.length < total && rows.length < keptRows / 2) return undefined;
  return { pool: { ...pool, total, ranked: rows.slice(0, keptRows) }, members: total <= KEPT_MEMBERS ? nextMembers : null, mark };
}

function toPoolCandidate(
  ranked: RankedRow,
  row: PoolExplanationRow,
  facts: PoolNoticeRow,
  { profile, requiredSkills, targetSeniority, scaleKm, now }: { profile: RankingProfile; requiredSkills: string[]; targetSeniority: Seniority[]; scaleKm: number; now: Date },
): PoolCandidate {
  const notice = noticeOf(facts, now);
  const w = profile.weights;
  const sum = w.skills + w.sector + w.seniority + w.distance + w.movability;
  // The terms are written out: spreading a shared {value, weight, contribution} into each of them
  // (and merging each row with its explanation by spread) took most of a page's CPU outside the driver.
  const contribution = (weight: number, value: number) => (weight * value) / sum;
  const matchedIds = new Set(row.matchedSkills.map((m) => m.skillId));
  const seniority = row.seniority as Seniority | null;
  return {
    id: ranked.id,
    name: row.name,
    seniority,
    segment: row.segment as Segment | null,
    passive: row.passive,
    openToWork: row.openToWork,
    location: toLatLon(row.location),
    basedInHub: ranked.basedInHub,
    currentRole: row.currentRole,
    score: {
      total: ranked.score,
      terms: {
        skills: {
          value: ranked.skillsFit,
          weight: w.skills,
          contribution: contribution(w.skills, ranked.skillsFit),
          required: requiredSkills,
          matched: row.matchedSkills,
          missing: requiredSkills.filter((id) => !matchedIds.has(id)),
        },
        sector: {
          value: ranked.sectorFit,
          weight: w.sector,
          contribution: contribution(w.sector, ranked.sectorFit),
          kind: row.sector.kind,
          employerId: row.sector.employerId,
          employerName: row.sector.employerName,
          sectorId: row.sector.sectorId,
          sectorName: row.sector.sectorName,
          targetSectorId: row.sector.targetSectorId,
        },
        seniority: {
          value: ranked.seniorityFit,
          weight: w.seniority,
          contribution: contribution(w.seniority, ranked.seniorityFit),
          seniority,
          target: targetSeniority,
        },
        distance: {
          value: ranked.distanceFit,
          weight: w.distance,
          contribution: contribution(w.distance, ranked.distanceFit),
          distanceKm: ranked.distanceKm,
          scaleKm,
        },
        movability: {
          value: ranked.movabilityFit,
          weight: w.movability,
          contribution: contribution(w.movability, ranked.movabilityFit),
          yearsInRole: ranked.yearsInRole,
          passive: row.passive,
          openToWork: row.openToWork,
        },
      },
    },
    noticeDue: notice.status !== 'informed',
    noticeOverdue: notice.status === 'overdue',
    noticeDueBy: notice.status === 'informed' ? null : notice.dueBy,
  };
}
