import { z } from 'zod';
import { IdSchema, SegmentSchema, SenioritySchema, textSchema } from './common.schema.ts';
import { RADIUS_KM_MAX } from './pool.schema.ts';
import { RankingProfileNameSchema } from './ranking.schema.ts';
import { StageSchema } from './searches.schema.ts';

/**
 * Weekly target lists: a saved pool query (hub + filters + ranking profile)
 * or a mandate's pipeline, snapshotted once per ISO week, diffed against the
 * previous snapshot and exported as CSV, XLSX or JSON.
 */

export const LIST_KINDS = ['pool', 'search'] as const;
export const ListKindSchema = z.enum(LIST_KINDS);
export type ListKind = z.infer<typeof ListKindSchema>;

/** `2026-W48`; whether the week exists and is not in the future is checked against the clock. */
export const IsoWeekSchema = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48');

const name = textSchema({ max: 120 });
const ids = (max: number) => z.array(IdSchema).max(max, `takes at most ${max} values`);

/** The pool filters of GET /api/hubs/{hubId}/pool, as JSON (arrays and booleans rather than query strings). */
export const ListFiltersSchema = z.strictObject({
  allSkills: ids(20).optional(),
  anySkills: ids(20).optional(),
  sectors: ids(20).optional(),
  seniority: z.array(SenioritySchema).max(4).optional(),
  segment: z.array(SegmentSchema).max(4).optional(),
  passiveOnly: z.boolean().optional(),
  openToWork: z.boolean().optional(),
});
export type ListFilters = z.output<typeof ListFiltersSchema>;

export const PoolListCreateSchema = z.strictObject({
  kind: z.literal('pool'),
  name,
  hubId: IdSchema,
  filters: ListFiltersSchema.default({}),
  radiusKm: z.number().gt(0, 'must be greater than 0').max(RADIUS_KM_MAX, `must be at most ${RADIUS_KM_MAX}`).optional(),
  profile: RankingProfileNameSchema.optional(),
  targetSeniority: z.array(SenioritySchema).max(4).optional(),
});

export const SearchListCreateSchema = z.strictObject({
  kind: z.literal('search'),
  name,
  searchId: IdSchema,
});

export const ListCreateSchema = z.discriminatedUnion('kind', [PoolListCreateSchema, SearchListCreateSchema]);
export type ListCreateInput = z.input<typeof ListCreateSchema>;
export type ListCreate = z.output<typeof ListCreateSchema>;

export const ListParamsSchema = z.strictObject({ id: IdSchema });

export const SnapshotSummarySchema = z.object({
  week: z.string(),
  takenAt: z.string(),
  rows: z.number().int().nonnegative(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

export const TargetListSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ListKindSchema,
  /** Pool lists: the hub; `name` is null when the hub has been deleted. */
  hub: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** Mandate lists: the search; `title` is null when the search has been deleted. */
  search: z.object({ id: z.string(), title: z.string().nullable() }).nullable(),
  filters: ListFiltersSchema,
  radiusKm: z.number().nullable(),
  profile: RankingProfileNameSchema.nullable(),
  targetSeniority: z.array(SenioritySchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** Why the list can no longer be snapshotted (its hub or search is gone); null when it can. */
  problem: z.string().nullable(),
  /** Complete snapshots, newest week first. */
  snapshots: z.array(SnapshotSummarySchema),
});
export type TargetList = z.infer<typeof TargetListSchema>;

export const TargetListsSchema = z.object({ items: z.array(TargetListSchema) });
export type TargetLists = z.infer<typeof TargetListsSchema>;

export const SnapshotRequestSchema = z.strictObject({
  /** The current ISO week, the default: a snapshot records the list as it is now, never an earlier or later week. */
  week: IsoWeekSchema.optional(),
  /** Take the week again, replacing the recorded snapshot (atomically: the old one stays until the new one is complete). */
  replace: z.boolean().optional(),
});
export type SnapshotRequest = z.output<typeof SnapshotRequestSchema>;

export const SnapshotResultSchema = z.object({
  listId: z.string(),
  week: z.string(),
  takenAt: z.string(),
  rows: z.number().int().nonnegative(),
  /** False when the week had been taken already and was left as it was. */
  created: z.boolean(),
});
export type SnapshotResult = z.infer<typeof SnapshotResultSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** CSV field separators by name: `semicolon` is what Excel expects where the decimal mark is a comma. */
export const CSV_DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;
export const DelimiterNameSchema = z.enum(['comma', 'semicolon', 'tab']);
export type DelimiterName = z.infer<typeof DelimiterNameSchema>;

export const ExportQuerySchema = z.strictObject({
  format: ExportFormatSchema.default('csv'),
  /** Defaults to the current ISO week (snapshotted on the spot when not yet taken). */
  week: IsoWeekSchema.optional(),
  delimiter: DelimiterNameSchema.default('comma'),
});
export type ExportQuery = z.output<typeof ExportQuerySchema>;

export const CHANGES = ['new', 'kept', 'moved', 'dropped'] as const;
export const ChangeSchema = z.enum(CHANGES);
export type Change = z.infer<typeof ChangeSchema>;

/**
 * Why someone on the previous snapshot is not on this one, when the graph says:
 * erased (the person is gone), stage-declined (declined or off-limits in the
 * mandate), left-pipeline (no longer in the mandate), moved-hub (based
 * elsewhere now), joined-target (now works at a target-sector or target
 * employer), changed-employer, no-longer-matches (still there, filters or
 * ranking no longer select them).
 */
export const DROP_REASONS = ['erased', 'stage-declined', 'left-pipeline', 'moved-hub', 'joined-target', 'changed-employer', 'no-longer-matches'] as const;
export const DropReasonSchema = z.enum(DROP_REASONS);
export type DropReason = z.infer<typeof DropReasonSchema>;

/** One exported row: a person on this week's list, or one dropped since the previous snapshot. */
export const ExportRecordSchema = z.object({
  change: ChangeSchema,
  /** Null for dropped rows. */
  rank: z.number().int().positive().nullable(),
  previousRank: z.number().int().positive().nullable(),
  /** Null for a dropped row whose person has been erased. */
  id: z.string().nullable(),
  name: z.string().nullable(),
  title: z.string().nullable(),
  employer: z.string().nullable(),
  sector: z.string().nullable(),
  hub: z.string().nullable(),
  segment: SegmentSchema.nullable(),
  seniority: SenioritySchema.nullable(),
  /** Fit score in [0, 1] and its terms (pool lists; null on mandate lists). */
  score: z.number().nullable(),
  skillsFit: z.number().nullable(),
  sectorFit: z.number().nullable(),
  seniorityFit: z.number().nullable(),
  distanceFit: z.number().nullable(),
  movabilityFit: z.number().nullable(),
  stage: StageSchema.nullable(),
  previousStage: StageSchema.nullable(),
  dropReason: DropReasonSchema.nullable(),
  dropDetail: z.string().nullable(),
  profileUrl: z.string().nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecordSchema>;
