import { z } from 'zod';
import { IdSchema, SegmentSchema, SenioritySchema, textSchema } from './common.schema.ts';

/**
 * Mandates (searches), their pipelines and market maps. A pipeline entry moves
 * forward through the stages; `declined` may be reopened, `placed` and
 * `off-limits` are final. Every change is kept, so time in each stage is known.
 */

export const STAGES = ['identified', 'contacted', 'replied', 'screening', 'assessment', 'offer', 'placed', 'declined', 'off-limits'] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

const idList = (max: number) => z.array(IdSchema).max(max, `takes at most ${max} values`).default([]);

export const SearchCreateSchema = z.strictObject({
  title: textSchema({ max: 200 }),
  client: textSchema({ max: 200 }),
  hubs: idList(20),
  requiredSkills: idList(30),
  seniority: z.array(SenioritySchema).max(4).default([]),
  sectors: idList(20),
  targetEmployers: idList(200),
  /** Days the client expects the search to take. */
  targetDays: z.number().int().min(1).max(730).default(60),
});
export type SearchCreateInput = z.input<typeof SearchCreateSchema>;
export type SearchCreate = z.output<typeof SearchCreateSchema>;

export const SearchListQuerySchema = z.strictObject({});
export const SearchParamsSchema = z.strictObject({ id: IdSchema });
export const SearchCandidateParamsSchema = z.strictObject({ id: IdSchema, candidateId: IdSchema });

export const StageUpdateSchema = z.strictObject({
  stage: StageSchema,
  note: textSchema({ min: 0, max: 2000, multiline: true }).optional(),
});
export type StageUpdate = z.output<typeof StageUpdateSchema>;

const RefSchema = z.object({ id: z.string(), name: z.string() });

export const StageCountsSchema = z.object(Object.fromEntries(STAGES.map((s) => [s, z.number().int().nonnegative()])) as Record<Stage, z.ZodNumber>);
export type StageCounts = z.infer<typeof StageCountsSchema>;

export const SearchClockSchema = z.object({
  targetDays: z.number().int(),
  /** Days since the search was opened. */
  elapsedDays: z.number().nonnegative(),
  /** targetDays − elapsedDays; negative when overdue. */
  remainingDays: z.number(),
  overdue: z.boolean(),
  /** Days from opening to the first placement, if any. */
  firstPlacementDays: z.number().nonnegative().nullable(),
});

export const SearchSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  client: z.string(),
  createdAt: z.string(),
  hubs: z.array(RefSchema),
  requiredSkills: z.array(RefSchema),
  seniority: z.array(SenioritySchema),
  sectors: z.array(RefSchema),
  targetEmployers: z.array(RefSchema),
  stageCounts: StageCountsSchema,
  clock: SearchClockSchema,
});
export type SearchSummary = z.infer<typeof SearchSummarySchema>;

export const SearchListSchema = z.object({ items: z.array(SearchSummarySchema) });
export type SearchList = z.infer<typeof SearchListSchema>;

export const StageChangeSchema = z.object({
  stage: StageSchema,
  at: z.string(),
  note: z.string().nullable(),
  /** Days spent in this stage (until the next change, or until now). */
  days: z.number().nonnegative(),
});

export const PipelineEntrySchema = z.object({
  searchId: z.string(),
  candidateId: z.string(),
  candidateName: z.string().nullable(),
  stage: StageSchema,
  stageSince: z.string(),
  daysInStage: z.number().nonnegative(),
  note: z.string().nullable(),
  history: z.array(StageChangeSchema),
});
export type PipelineEntry = z.infer<typeof PipelineEntrySchema>;

export const SearchDetailSchema = SearchSummarySchema.extend({
  targetDays: z.number().int(),
  pipeline: z.array(PipelineEntrySchema),
});
export type SearchDetail = z.infer<typeof SearchDetailSchema>;

export const MarketMapCandidateSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  title: z.string().nullable(),
  seniority: SenioritySchema.nullable(),
  segment: SegmentSchema.nullable(),
  stage: StageSchema.nullable(),
  daysInStage: z.number().nonnegative().nullable(),
});

export const MarketMapEmployerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** People there now, based in the cell's hub (matching the search's seniority, if set). */
  people: z.number().int().nonnegative(),
  inPipeline: z.number().int().nonnegative(),
  /** inPipeline / people (0 when nobody is there). */
  coverage: z.number().min(0).max(1),
  /** In-pipeline people first, then by id; at most 100. */
  candidates: z.array(MarketMapCandidateSchema),
});

export const MarketMapCellSchema = z.object({
  sector: RefSchema,
  hub: RefSchema,
  employers: z.array(MarketMapEmployerSchema),
  counts: z.object({ employers: z.number().int(), people: z.number().int(), inPipeline: z.number().int(), byStage: StageCountsSchema }),
  coverage: z.number().min(0).max(1),
});
export type MarketMapCell = z.infer<typeof MarketMapCellSchema>;

export const MarketMapSchema = z.object({
  search: z.object({ id: z.string(), title: z.string(), client: z.string() }),
  sectors: z.array(RefSchema),
  hubs: z.array(RefSchema),
  cells: z.array(MarketMapCellSchema),
  /** Target employers with no site in the search's hubs. */
  unplaced: z.array(RefSchema),
  /** Each employer and each person counted once, however many of the map's sectors the employer is in. */
  totals: z.object({ employers: z.number().int(), people: z.number().int(), inPipeline: z.number().int(), coverage: z.number().min(0).max(1) }),
});
export type MarketMap = z.infer<typeof MarketMapSchema>;
