import type { Writable } from 'node:stream';
import type { Database } from '../db/neo4j.ts';
import { type ExportColumn, type Role, columnsFor } from '../export/columns.ts';
import { writeCsv } from '../export/csv.ts';
import { writeJson } from '../export/json.ts';
import { writeXlsx } from '../export/xlsx.ts';
import { type DroppedRow, type ListedRow, streamDroppedRows, streamSnapshotRows } from '../repositories/lists.repository.ts';
import type { Segment, Seniority } from '../schemas/common.schema.ts';
import { CSV_DELIMITERS, type DelimiterName, type DropReason, type ExportFormat, type ExportRecord } from '../schemas/lists.schema.ts';
import type { Stage } from '../schemas/searches.schema.ts';
import { recordExport } from './audit.service.ts';
import { assertSnapshottable, checkWeek, findListOrThrow, weekSnapshot } from './lists.service.ts';

/**
 * Exports a week of a target list: its snapshot's rows in rank order, each
 * flagged new / kept / moved against the previous snapshot, then the people
 * dropped since, with why when the graph says. Rows stream from the driver to
 * the output with back-pressure, so the size of a list does not change the
 * memory an export needs. Every export is recorded in the audit trail.
 */

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export interface ExportRequest {
  format: ExportFormat;
  week?: string;
  delimiter?: DelimiterName;
  /** The requester's role; contact columns are withheld from roles that may not see them. Without one, every column. */
  role?: Role;
  now: Date;
}

export interface ExportPlan {
  listId: string;
  listName: string;
  listKind: 'pool' | 'search';
  searchId: string | null;
  week: string;
  snapshotId: string;
  /** Rows on the week's list (dropped rows come on top). */
  rows: number;
  previousId: string | null;
  previousWeek: string | null;
  format: ExportFormat;
  delimiter: string;
  columns: readonly ExportColumn[];
  role: Role | null;
  fileName: string;
  contentType: string;
}

/** `list-<name>-<week>.<ext>` in plain ASCII: safe in a Content-Disposition header and on any file system. */
export function exportFileName(list: { id: string; name: string }, week: string, format: ExportFormat): string {
  const slug = list.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `list-${slug || list.id}-${week}.${format}`;
}

/**
 * Checks everything an export needs before a byte is written (list, week,
 * snapshot), so every problem is a clear 4xx rather than a broken file.
 */
export async function prepareExport(db: Database, listId: string, request: ExportRequest): Promise<ExportPlan> {
  const list = await findListOrThrow(db, listId);
  const week = checkWeek(request.week, request.now);
  await assertSnapshottable(db, list);
  const snapshot = await weekSnapshot(db, list, week, request.now);
  return {
    listId: list.id,
    listName: list.name,
    listKind: list.kind,
    searchId: list.searchId,
    week,
    snapshotId: snapshot.id,
    rows: snapshot.rows,
    previousId: snapshot.previousId,
    previousWeek: snapshot.previousWeek,
    format: request.format,
    delimiter: CSV_DELIMITERS[request.delimiter ?? 'comma'],
    columns: columnsFor(request.role),
    role: request.role ?? null,
    fileName: exportFileName(list, week, request.format),
    contentType: CONTENT_TYPES[request.format],
  };
}

export function toListedRecord(row: ListedRow, hasPrevious: boolean): ExportRecord {
  const moved = row.wasListed && (row.previousRank !== row.rank || row.previousStage !== row.stage);
  return {
    change: !hasPrevious || !row.wasListed ? 'new' : moved ? 'moved' : 'kept',
    rank: row.rank,
    previousRank: row.wasListed ? row.previousRank : null,
    id: row.candidateId,
    name: row.name,
    title: row.title,
    employer: row.employerName,
    sector: row.sectorName,
    hub: row.hubName,
    segment: row.segment as Segment | null,
    seniority: row.seniority as Seniority | null,
    score: row.score,
    skillsFit: row.skillsFit,
    sectorFit: row.sectorFit,
    seniorityFit: row.seniorityFit,
    distanceFit: row.distanceFit,
    movabilityFit: row.movabilityFit,
    stage: row.stage as Stage | null,
    previousStage: row.wasListed ? (row.previousStage as Stage | null) : null,
    dropReason: null,
    dropDetail: null,
    profileUrl: row.profileUrl,
  };
}

/** Why a person left the list, from their previous row and the graph now. */
export function dropReason(row: DroppedRow, listKind: 'pool' | 'search'): { reason: DropReason; detail: string | null } {
  if (!row.present) return { reason: 'erased', detail: null };
  if (listKind === 'search') {
    if (row.stageNow === 'declined' || row.stageNow === 'off-limits') return { reason: 'stage-declined', detail: `now ${row.stageNow}` };
    if (row.stageNow === null) return { reason: 'left-pipeline', detail: null };
  }
  if (row.hubId !== null && row.hubIdNow !== row.hubId) {
    return { reason: 'moved-hub', detail: row.hubNameNow === null ? 'no longer based in a hub' : `now based in ${row.hubNameNow}` };
  }
  if (row.employerIdNow !== row.employerId) {
    const detail = row.employerNameNow === null ? 'no current employer' : `now at ${row.employerNameNow}`;
    return { reason: row.employerNowTarget ? 'joined-target' : 'changed-employer', detail };
  }
  return { reason: 'no-longer-matches', detail: null };
}

export function toDroppedRecord(row: DroppedRow, listKind: 'pool' | 'search'): ExportRecord {
  const { reason, detail } = dropReason(row, listKind);
  const erased = reason === 'erased';
  // An erased person leaves only the fact that a row went: nothing that could point back to them.
  const keep = <T>(value: T): T | null => (erased ? null : value);
  return {
    change: 'dropped',
    rank: null,
    previousRank: row.previousRank,
    id: keep(row.candidateId),
    name: keep(row.name),
    title: keep(row.title),
    employer: keep(row.employerName),
    sector: keep(row.sectorName),
    hub: keep(row.hubName),
    segment: keep(row.segment as Segment | null),
    seniority: keep(row.seniority as Seniority | null),
    score: keep(row.score),
    skillsFit: keep(row.skillsFit),
    sectorFit: keep(row.sectorFit),
    seniorityFit: keep(row.seniorityFit),
    distanceFit: keep(row.distanceFit),
    movabilityFit: keep(row.movabilityFit),
    stage: keep(row.stageNow as Stage | null),
    previousStage: keep(row.previousStage as Stage | null),
    dropReason: reason,
    dropDetail: detail,
    profileUrl: keep(row.profileUrl),
  };
}

/** This week's rows as export records, in rank order. */
export async function* listedRecords(db: Database, plan: ExportPlan): AsyncGenerator<ExportRecord> {
  const hasPrevious = plan.previousId !== null;
  for await (const row of streamSnapshotRows(db, plan.snapshotId, plan.previousId)) yield toListedRecord(row, hasPrevious);
}

/** The people on the previous snapshot and not on this one, in their old rank order. */
export async function* droppedRecords(db: Database, plan: ExportPlan): AsyncGenerator<ExportRecord> {
  if (plan.previousId === null) return;
  for await (const row of streamDroppedRows(db, plan.snapshotId, plan.previousId, plan.searchId)) yield toDroppedRecord(row, plan.listKind);
}

async function* counted(records: AsyncIterable<ExportRecord>, tally: { rows: number }, onProgress?: (rows: number) => void) {
  for await (const record of records) {
    tally.rows++;
    if (onProgress && tally.rows % 1000 === 0) onProgress(tally.rows);
    yield record;
  }
}

async function* concat<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const source of sources) yield* source;
}

/**
 * Streams the plan's rows in its format; `out` is ended, or destroyed on a
 * failure after the first row. The first row is read before anything is
 * written, so a database that fails at once leaves `out` untouched (an HTTP
 * route can still answer with an error instead of a cut-off file).
 */
export async function writeExport(
  db: Database,
  plan: ExportPlan,
  out: Writable,
  { onProgress, tally = { rows: 0 } }: { onProgress?: (rows: number) => void; tally?: { rows: number } } = {},
): Promise<number> {
  const source = listedRecords(db, plan);
  const first = await source.next();
  async function* primed() {
    if (first.done) return;
    yield first.value;
    yield* source;
  }
  const listed = counted(primed(), tally, onProgress);
  const dropped = counted(droppedRecords(db, plan), tally, onProgress);
  try {
    switch (plan.format) {
      case 'csv':
        await writeCsv(out, concat(listed, dropped), { columns: plan.columns, delimiter: plan.delimiter });
        break;
      case 'json':
        await writeJson(out, concat(listed, dropped), { columns: plan.columns });
        break;
      case 'xlsx':
        await writeXlsx(
          out,
          [
            { name: 'List', records: listed },
            { name: 'Dropped', records: dropped },
          ],
          { columns: plan.columns },
        );
        break;
    }
  } catch (error) {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    // Closes the driver stream when the writer failed before it read everything.
    await source.return(undefined);
    throw error;
  }
  onProgress?.(tally.rows);
  return tally.rows;
}

/**
 * Writes the export and records it in the audit trail (who, when, list, week,
 * format, rows), also when it fails part-way: rows that left are on record.
 */
export async function runExport(
  db: Database,
  plan: ExportPlan,
  out: Writable,
  { actor, now, onProgress }: { actor: string; now: Date; onProgress?: (rows: number) => void },
): Promise<number> {
  const tally = { rows: 0 };
  let complete = false;
  try {
    await writeExport(db, plan, out, { onProgress, tally });
    complete = true;
    return tally.rows;
  } finally {
    const audit = recordExport(db, {
      actor,
      at: now,
      listId: plan.listId,
      week: plan.week,
      format: plan.format,
      rows: tally.rows,
      complete,
      role: plan.role,
    });
    // A failed export's own error is the one to report; its audit record is still attempted.
    if (complete) await audit;
    else await audit.catch(() => undefined);
  }
}
