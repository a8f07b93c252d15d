import { randomUUID } from 'node:crypto';
import type { Database } from '../db/neo4j.ts';
import { InvalidWeekError, resolveWeek, weekOf } from '../domain/iso-week.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { findMissingIds } from '../repositories/catalog.repository.ts';
import { poolRankParams } from '../repositories/hubs.repository.ts';
import {
  type ListRow,
  type SnapshotRowData,
  type SourceRow,
  abandonSnapshot,
  beginSnapshot,
  completeSnapshot,
  createList,
  findLists,
  findSnapshot,
  purgeSupersededSnapshots,
  rankSnapshotRows,
  streamPoolRows,
  streamSearchRows,
  writeSnapshotRows,
} from '../repositories/lists.repository.ts';
import { findSearchSummaries } from '../repositories/searches.repository.ts';
import type { Seniority } from '../schemas/common.schema.ts';
import {
  type ListCreate,
  type ListFilters,
  ListFiltersSchema,
  type SnapshotResult,
  type TargetList,
  type TargetLists,
} from '../schemas/lists.schema.ts';
import { DEFAULT_RANKING_PROFILE, RANKING_PROFILES, type RankingProfileName, RankingProfileNameSchema } from '../schemas/ranking.schema.ts';
import type { Stage } from '../schemas/searches.schema.ts';
import { assertKnownIds } from './catalog.service.ts';
import { isoDay } from './clock.ts';
import { FALLBACK_CATCHMENT_KM } from './hubs.service.ts';

/**
 * Target lists and their weekly snapshots. A pool list re-runs its hub's
 * ranked pool (the same ranking as GET /api/hubs/{hubId}/pool) each week; a
 * mandate list takes its search's pipeline. A snapshot records who was on the
 * list that ISO week with rank, score, terms and stage; a week is recorded
 * once (again only with `replace`), and a snapshot is never seen half-written.
 */

/** Stages of a mandate list, furthest first; declined and off-limits people leave the list. */
export const LISTED_STAGES: readonly Stage[] = ['placed', 'offer', 'assessment', 'screening', 'replied', 'contacted', 'identified'];

/** Rows written per transaction while a snapshot is taken. */
export const SNAPSHOT_BATCH_SIZE = 2_000;

export interface Actor {
  /** Who acts, as the audit trail names them. */
  actor?: string;
}

function parseFilters(json: string | null): ListFilters {
  if (json === null) return {};
  return ListFiltersSchema.parse(JSON.parse(json));
}

export function toTargetList(row: ListRow): TargetList {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    hub: row.hubId === null ? null : { id: row.hubId, name: row.hubName },
    search: row.searchId === null ? null : { id: row.searchId, title: row.searchTitle },
    filters: parseFilters(row.filters),
    radiusKm: row.radiusKm,
    profile: row.profile === null ? null : RankingProfileNameSchema.parse(row.profile),
    targetSeniority: row.targetSeniority as Seniority[],
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    problem: listProblem(row),
    snapshots: row.snapshots.map(({ week, takenAt, rows }) => ({ week, takenAt, rows })),
  };
}

/** Why a list cannot be snapshotted any more, or null. */
function listProblem(row: ListRow): string | null {
  if (row.kind === 'pool' && !row.hubExists) return `its hub "${row.hubId}" no longer exists`;
  if (row.kind === 'search' && !row.searchExists) return `its search "${row.searchId}" no longer exists`;
  return null;
}

export async function createTargetList(db: Database, input: ListCreate, { now, actor }: { now: Date } & Actor): Promise<TargetList> {
  const id = randomUUID();
  if (input.kind === 'pool') {
    await assertKnownIds(db, [
      { field: 'body.hubId', kind: 'hubs', ids: [input.hubId] },
      { field: 'body.filters.allSkills', kind: 'skills', ids: input.filters.allSkills },
      { field: 'body.filters.anySkills', kind: 'skills', ids: input.filters.anySkills },
      { field: 'body.filters.sectors', kind: 'sectors', ids: input.filters.sectors },
    ]);
    await createList(db, {
      id,
      name: input.name,
      kind: 'pool',
      hubId: input.hubId,
      searchId: null,
      filters: JSON.stringify(input.filters),
      radiusKm: input.radiusKm ?? null,
      profile: input.profile ?? DEFAULT_RANKING_PROFILE,
      targetSeniority: [...new Set(input.targetSeniority ?? [])],
      actor: actor ?? null,
      now: now.toISOString(),
    });
  } else {
    const [search] = await findSearchSummaries(db, input.searchId);
    if (!search) {
      throw new BadRequestError(`Invalid body.searchId: unknown search "${input.searchId}"`, [
        { field: 'body.searchId', value: input.searchId, message: `unknown search "${input.searchId}"` },
      ]);
    }
    await createList(db, {
      id,
      name: input.name,
      kind: 'search',
      hubId: null,
      searchId: input.searchId,
      filters: JSON.stringify({}),
      radiusKm: null,
      profile: null,
      targetSeniority: [],
      actor: actor ?? null,
      now: now.toISOString(),
    });
  }
  return getTargetList(db, id);
}

export async function listTargetLists(db: Database): Promise<TargetLists> {
  return { items: (await findLists(db, null)).map(toTargetList) };
}

export async function findListOrThrow(db: Database, id: string): Promise<ListRow> {
  const [row] = await findLists(db, id);
  if (!row) throw new NotFoundError(`No target list "${id}"`, [{ field: 'params.id', value: id }]);
  return row;
}

export async function getTargetList(db: Database, id: string): Promise<TargetList> {
  return toTargetList(await findListOrThrow(db, id));
}

/**
 * The week a request names, checked against the clock: malformed, missing
 * (W53 of a short year) and future weeks are a 400 naming `field`.
 */
export function checkWeek(week: string | undefined, now: Date, field = 'query.week'): string {
  try {
    return resolveWeek(week, now);
  } catch (error) {
    if (error instanceof InvalidWeekError) throw new BadRequestError(`Invalid ${field}: ${error.message}`, [{ field, value: week, message: error.message }]);
    throw error;
  }
}

/** A list whose hub, search or filter ids have been deleted cannot be snapshotted: 409 naming what is gone. */
export async function assertSnapshottable(db: Database, list: ListRow): Promise<void> {
  const problem = listProblem(list);
  if (problem) throw new ConflictError(`Target list "${list.name}" cannot be snapshotted: ${problem}.`, [{ listId: list.id, problem }]);
  if (list.kind !== 'pool') return;
  const filters = parseFilters(list.filters);
  const missing = await findMissingIds(db, {
    skillIds: [...(filters.allSkills ?? []), ...(filters.anySkills ?? [])],
    sectorIds: filters.sectors ?? [],
  });
  const gone = [...missing.skills.map((id) => `skill "${id}"`), ...missing.sectors.map((id) => `sector "${id}"`)];
  if (gone.length > 0) {
    const reason = `its filters name ${gone.join(', ')}, which no longer exist${gone.length === 1 ? 's' : ''}`;
    throw new ConflictError(`Target list "${list.name}" cannot be snapshotted: ${reason}.`, [{ listId: list.id, problem: reason }]);
  }
}

/** The list's people as of `now`: a mandate's in list order, a pool's unordered (ranked once written). */
function sourceRows(db: Database, list: ListRow, now: Date): AsyncIterable<SourceRow> {
  if (list.kind === 'search') return streamSearchRows(db, list.searchId!, LISTED_STAGES);
  const filters = parseFilters(list.filters);
  const profile = RANKING_PROFILES[(list.profile as RankingProfileName | null) ?? DEFAULT_RANKING_PROFILE];
  // The same defaults as the pool endpoint (hubs.service rankPool), so a list equals its pool.
  const targetSeniority: Seniority[] = list.targetSeniority.length
    ? (list.targetSeniority as Seniority[])
    : filters.seniority?.length
      ? filters.seniority
      : [...profile.targetSeniority];
  return streamPoolRows(
    db,
    poolRankParams({
      hubId: list.hubId!,
      filter: filters,
      radiusKm: list.radiusKm,
      defaultCatchmentKm: FALLBACK_CATCHMENT_KM,
      requiredSkills: [...new Set([...(filters.allSkills ?? []), ...(filters.anySkills ?? [])])],
      targetSeniority,
      profile,
      today: isoDay(now),
    }),
  );
}

function toSnapshotRow(row: SourceRow, rank: number | null): SnapshotRowData {
  return {
    candidateId: row.candidateId,
    rank,
    score: row.score ?? null,
    skillsFit: row.skillsFit ?? null,
    sectorFit: row.sectorFit ?? null,
    seniorityFit: row.seniorityFit ?? null,
    distanceFit: row.distanceFit ?? null,
    movabilityFit: row.movabilityFit ?? null,
    stage: row.stage,
    title: row.currentRole?.title ?? null,
    employerId: row.currentRole?.employerId ?? null,
    employerName: row.currentRole?.employerName ?? null,
    sectorId: row.sector.sectorId,
    sectorName: row.sector.sectorName,
    hubId: row.homeHubId,
    hubName: row.homeHubName,
    segment: row.segment,
    seniority: row.seniority,
  };
}

/**
 * The week a snapshot is recorded under: the current ISO week by the clock
 * (also when none is given). A snapshot records the list as it is now, so
 * under a past week it would file today's rows as that week's, and the next
 * export would diff against data that week never held.
 */
export function checkSnapshotWeek(week: string | undefined, now: Date, field = 'body.week'): string {
  const resolved = checkWeek(week, now, field);
  const current = weekOf(now);
  if (resolved !== current) {
    const message = `${resolved} has passed: a snapshot records the list as it is now, so only this week (${current}) may be given`;
    throw new BadRequestError(`Invalid ${field}: ${message}`, [{ field, value: week, message }]);
  }
  return resolved;
}

export interface SnapshotOptions {
  /** Only the current ISO week (checkSnapshotWeek); the default. */
  week?: string;
  replace?: boolean;
  now: Date;
  /** Rows written so far, after each batch. */
  onProgress?: (rows: number) => void;
}

export async function takeSnapshot(db: Database, listId: string, options: SnapshotOptions): Promise<SnapshotResult> {
  const list = await findListOrThrow(db, listId);
  const week = checkSnapshotWeek(options.week, options.now);
  return takeListSnapshot(db, list, week, options);
}

async function takeListSnapshot(db: Database, list: ListRow, week: string, { replace = false, now, onProgress }: SnapshotOptions): Promise<SnapshotResult> {
  await assertSnapshottable(db, list);
  const snapshotId = randomUUID();
  const start = await beginSnapshot(db, { listId: list.id, snapshotId, week, replace, now: now.toISOString() });
  if (!start) throw new NotFoundError(`No target list "${list.id}"`, [{ field: 'params.id', value: list.id }]);
  if (start.alreadyTaken) {
    return { listId: list.id, week, takenAt: start.existingTakenAt ?? '', rows: start.existingRows ?? 0, created: false };
  }
  let rows = 0;
  let completed: { status: 'complete' | 'superseded'; takenAt: string } | undefined;
  let failed = false;
  try {
    // A mandate's rows come in list order; a pool's are ranked once written (rankSnapshotRows).
    const ranked = list.kind === 'search';
    let batch: SnapshotRowData[] = [];
    for await (const row of sourceRows(db, list, now)) {
      rows++;
      batch.push(toSnapshotRow(row, ranked ? rows : null));
      if (batch.length >= SNAPSHOT_BATCH_SIZE) {
        await writeSnapshotRows(db, snapshotId, batch);
        batch = [];
        onProgress?.(rows);
      }
    }
    if (batch.length > 0) await writeSnapshotRows(db, snapshotId, batch);
    if (!ranked) await rankSnapshotRows(db, snapshotId);
    onProgress?.(rows);
    completed = await completeSnapshot(db, { snapshotId, rowCount: rows, replace, now: now.toISOString() });
  } catch (error) {
    failed = true;
    await abandonSnapshot(db, snapshotId).catch(() => undefined);
    throw error;
  } finally {
    // After a failure the purge is tidying only (the next snapshot purges what it leaves): its own
    // error, as when the database has gone, must not hide the failure that ended the snapshot.
    const purged = purgeSupersededSnapshots(db, list.id);
    await (failed ? purged.catch(() => undefined) : purged);
  }
  if (completed?.status === 'complete') return { listId: list.id, week, takenAt: completed.takenAt, rows, created: true };
  // A concurrent run completed the week first; its snapshot stands.
  const existing = await findSnapshot(db, list.id, week);
  return { listId: list.id, week, takenAt: existing?.takenAt ?? '', rows: existing?.rows ?? 0, created: false };
}

export interface ListSnapshotOutcome {
  listId: string;
  name: string;
  result?: SnapshotResult;
  /** Why this list could not be snapshotted; the others are taken regardless. */
  error?: string;
}

/** Snapshots every list for the week; a list that cannot be taken is reported and skipped. */
export async function snapshotAllLists(db: Database, { week, now }: { week?: string; now: Date }): Promise<ListSnapshotOutcome[]> {
  const resolved = checkSnapshotWeek(week, now);
  const outcomes: ListSnapshotOutcome[] = [];
  for (const list of await findLists(db, null)) {
    try {
      outcomes.push({ listId: list.id, name: list.name, result: await takeListSnapshot(db, list, resolved, { now }) });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      outcomes.push({ listId: list.id, name: list.name, error: error.message });
    }
  }
  return outcomes;
}

export interface WeekSnapshot {
  id: string;
  week: string;
  rows: number;
  previousId: string | null;
  previousWeek: string | null;
}

/**
 * The list's complete snapshot of `week` and the one before it. The current
 * week is taken on the spot when missing; an earlier week without a snapshot
 * is a 404 naming the weeks there are.
 */
export async function weekSnapshot(db: Database, list: ListRow, week: string, now: Date): Promise<WeekSnapshot> {
  let pair = await findSnapshot(db, list.id, week);
  if (!pair?.id && week === weekOf(now)) {
    await takeListSnapshot(db, list, week, { now });
    pair = await findSnapshot(db, list.id, week);
  }
  if (!pair?.id) {
    const weeks = list.snapshots.map((s) => s.week);
    throw new NotFoundError(
      `Target list "${list.name}" has no snapshot for ${week}${weeks.length ? ` (it has ${weeks.slice(0, 8).join(', ')}${weeks.length > 8 ? ', …' : ''})` : ' (it has none yet)'}.`,
      [{ field: 'query.week', value: week }],
    );
  }
  return { id: pair.id, week, rows: pair.rows ?? 0, previousId: pair.previousId, previousWeek: pair.previousWeek };
}
