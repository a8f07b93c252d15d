import { z } from 'zod';
import {
  BooleanParamSchema,
  IdSchema,
  LatLonSchema,
  SegmentCountsSchema,
  SegmentSchema,
  SenioritySchema,
  intParam,
  listParam,
  numberParam,
} from './common.schema.ts';
import { RankingProfileNameSchema, RankingProfileSchema } from './ranking.schema.ts';

/**
 * Hub map and ranked pools. A hub's pool is the candidates BASED_IN the hub;
 * a pool request with `radiusKm` adds every located candidate within that
 * distance of the hub. The hub map counts exactly the pool without a radius,
 * under the same filters.
 */

/** The filters every pool-shaped endpoint shares (hub map, pool, exports, client). */
export const poolFilterShape = {
  /** Candidates must have every one of these skills. */
  allSkills: listParam(IdSchema).optional(),
  /** Candidates must have at least one of these skills. */
  anySkills: listParam(IdSchema).optional(),
  /** Candidates must have worked (now or before) at an employer in one of these sectors. */
  sectors: listParam(IdSchema).optional(),
  seniority: listParam(SenioritySchema, { max: 4 }).optional(),
  segment: listParam(SegmentSchema, { max: 4 }).optional(),
  /** Only passive candidates (employed, not applying). */
  passiveOnly: BooleanParamSchema.optional(),
  /** Only candidates who signal they are open to work. */
  openToWork: BooleanParamSchema.optional(),
};
export const PoolFilterSchema = z.strictObject(poolFilterShape);
export type PoolFilterInput = z.input<typeof PoolFilterSchema>;
export type PoolFilter = z.output<typeof PoolFilterSchema>;

export const POOL_LIMIT_MAX = 500;
export const POOL_LIMIT_DEFAULT = 50;
export const RADIUS_KM_MAX = 1000;

export const HubsQuerySchema = PoolFilterSchema;
export type HubsQuery = z.output<typeof HubsQuerySchema>;

export const HubCountsSchema = z.object({
  /** Equals the `total` of GET /api/hubs/{hubId}/pool with the same filters and no radius. */
  total: z.number().int().nonnegative(),
  segments: SegmentCountsSchema,
  passive: z.number().int().nonnegative(),
  active: z.number().int().nonnegative(),
});
export type HubCounts = z.infer<typeof HubCountsSchema>;

export const HubSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  countryCode: z.string().nullable(),
  countryName: z.string().nullable(),
  location: LatLonSchema.nullable(),
  catchmentKm: z.number().nullable(),
  counts: HubCountsSchema,
});
export type HubSummary = z.infer<typeof HubSummarySchema>;

export const HubsResponseSchema = z.object({
  hubs: z.array(HubSummarySchema),
});
export type HubsResponse = z.infer<typeof HubsResponseSchema>;

export const HubParamsSchema = z.strictObject({ hubId: IdSchema });

export const PoolQuerySchema = z.strictObject({
  ...poolFilterShape,
  /** Adds every located candidate within this distance of the hub to the hub's own (BASED_IN) pool. */
  radiusKm: numberParam({ min: 0, max: RADIUS_KM_MAX, minExclusive: true }).optional(),
  limit: intParam({ min: 1, max: POOL_LIMIT_MAX }).default(POOL_LIMIT_DEFAULT),
  /** Opaque; the `nextCursor` of the previous page, valid only with the same hub, filters, radius, profile and target levels. */
  cursor: z.string().max(512, 'is too long').optional(),
  profile: RankingProfileNameSchema.optional(),
  /** Levels that fit fully; defaults to the `seniority` filter, else the profile's. */
  targetSeniority: listParam(SenioritySchema, { max: 4 }).optional(),
});
export type PoolQueryInput = z.input<typeof PoolQuerySchema>;
export type PoolQuery = z.output<typeof PoolQuerySchema>;

const termBase = {
  /** The term's value in [0, 1]. */
  value: z.number().min(0).max(1),
  weight: z.number().nonnegative(),
  /** weight · value / Σ weights: what the term adds to the total. */
  contribution: z.number().min(0).max(1),
};

export const SkillEvidenceSchema = z.enum(['self', 'job', 'publication']);

export const SkillsTermSchema = z.object({
  ...termBase,
  required: z.array(z.string()),
  matched: z.array(
    z.object({
      skillId: z.string(),
      name: z.string(),
      evidence: z.array(z.string()),
      /** The credit this skill earned from its strongest evidence. */
      credit: z.number().min(0).max(1),
    }),
  ),
  missing: z.array(z.string()),
});

export const SectorTermSchema = z.object({
  ...termBase,
  /** `target`: worked in a target sector; `adjacent`: in a sector that pivots to one; `none`. */
  kind: z.enum(['target', 'adjacent', 'none']),
  employerId: z.string().nullable(),
  employerName: z.string().nullable(),
  sectorId: z.string().nullable(),
  sectorName: z.string().nullable(),
  /** For `adjacent`: the target sector the pivot weight leads to. */
  targetSectorId: z.string().nullable(),
});

export const SeniorityTermSchema = z.object({
  ...termBase,
  seniority: SenioritySchema.nullable(),
  target: z.array(SenioritySchema),
});

export const DistanceTermSchema = z.object({
  ...termBase,
  distanceKm: z.number().nonnegative().nullable(),
  /** The distance at which the term reaches 0: `radiusKm`, else the hub's catchment. */
  scaleKm: z.number().positive(),
});

export const MovabilityTermSchema = z.object({
  ...termBase,
  yearsInRole: z.number().nonnegative().nullable(),
  passive: z.boolean(),
  openToWork: z.boolean(),
});

export const ScoreSchema = z.object({
  total: z.number().min(0).max(1),
  terms: z.object({
    skills: SkillsTermSchema,
    sector: SectorTermSchema,
    seniority: SeniorityTermSchema,
    distance: DistanceTermSchema,
    movability: MovabilityTermSchema,
  }),
});
export type Score = z.infer<typeof ScoreSchema>;

export const PoolCandidateSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  seniority: SenioritySchema.nullable(),
  segment: SegmentSchema.nullable(),
  passive: z.boolean(),
  openToWork: z.boolean(),
  location: LatLonSchema.nullable(),
  /** Whether the candidate is BASED_IN the hub (else only within `radiusKm`). */
  basedInHub: z.boolean(),
  currentRole: z
    .object({ employerId: z.string(), employerName: z.string(), title: z.string().nullable(), since: z.string().nullable() })
    .nullable(),
  score: ScoreSchema,
  /** Not yet told their data is held (GDPR Art. 14). */
  noticeDue: z.boolean(),
  /** Not told, and the deadline has passed (or no date on record to compute it). */
  noticeOverdue: z.boolean(),
  /** The last day to tell them (a month after obtaining the data, or the first contact if sooner); null once informed. */
  noticeDueBy: z.string().nullable(),
});
export type PoolCandidate = z.infer<typeof PoolCandidateSchema>;

export const PoolResponseSchema = z.object({
  hub: z.object({ id: z.string(), name: z.string() }),
  radiusKm: z.number().positive().nullable(),
  /** Candidates in the pool under the filters (all pages). */
  total: z.number().int().nonnegative(),
  profile: RankingProfileSchema,
  /** Levels the seniority term treated as a full fit. */
  targetSeniority: z.array(SenioritySchema),
  items: z.array(PoolCandidateSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type PoolResponse = z.infer<typeof PoolResponseSchema>;
