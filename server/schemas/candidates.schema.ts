import { z } from 'zod';
import { GraphPathSchema, IdSchema, LatLonSchema, SegmentSchema, SenioritySchema, intParam } from './common.schema.ts';
import { NoticeSchema } from './privacy.schema.ts';
import { StageSchema } from './searches.schema.ts';

/** A candidate's profile and the evidence for a move into a target sector. */

export const CandidateParamsSchema = z.strictObject({ id: IdSchema });

const SectorRefSchema = z.object({ id: z.string(), name: z.string(), target: z.boolean() });

export const CareerEntrySchema = z.object({
  employerId: z.string(),
  employerName: z.string(),
  employerKind: z.string().nullable(),
  title: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  current: z.boolean(),
  sectors: z.array(SectorRefSchema),
});
export type CareerEntry = z.infer<typeof CareerEntrySchema>;

export const CandidateProfileSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  profileUrl: z.string().nullable(),
  locationText: z.string().nullable(),
  location: LatLonSchema.nullable(),
  seniority: SenioritySchema.nullable(),
  yearsExperience: z.number().nullable(),
  segment: SegmentSchema.nullable(),
  passive: z.boolean(),
  openToWork: z.boolean(),
  hub: z.object({ id: z.string(), name: z.string(), distanceKm: z.number().nullable() }).nullable(),
  career: z.array(CareerEntrySchema),
  skills: z.array(z.object({ id: z.string(), name: z.string(), group: z.string().nullable(), evidence: z.array(z.string()) })),
  publications: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      year: z.number().int().nullable(),
      venue: z.string().nullable(),
      fields: z.array(SectorRefSchema),
    }),
  ),
  education: z.array(
    z.object({
      institutionId: z.string(),
      name: z.string(),
      degree: z.string().nullable(),
      field: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
  pipeline: z.array(
    z.object({
      searchId: z.string(),
      title: z.string(),
      client: z.string(),
      stage: StageSchema,
      stageSince: z.string(),
      daysInStage: z.number().nonnegative(),
    }),
  ),
  sources: z.array(z.string()),
  lawfulBasis: z.string().nullable(),
  obtainedAt: z.string().nullable(),
  /** When and how the person was told their data is held (GDPR Art. 14). */
  informedAt: z.string().nullable(),
  informedHow: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  notice: NoticeSchema,
});
export type CandidateProfile = z.infer<typeof CandidateProfileSchema>;

export const PivotQuerySchema = z.strictObject({
  /** Limit the evidence to moves into this target sector. */
  target: IdSchema.optional(),
  /** Evidence items per kind and pivot. */
  limit: intParam({ min: 1, max: 50 }).default(5),
});
export type PivotQuery = z.output<typeof PivotQuerySchema>;

const NamedRefSchema = z.object({ id: z.string(), name: z.string() });

export const PivotSchema = z.object({
  from: NamedRefSchema,
  to: NamedRefSchema,
  /** PIVOTS_TO weight: how readily people move from `from` into `to`. */
  weight: z.number().min(0).max(1),
  /** The candidate's employers in the `from` sector. */
  via: z.array(NamedRefSchema),
  /** Skills the candidate shares with people who made this move. */
  sharedSkills: z.array(z.object({ skill: NamedRefSchema, movers: z.number().int().positive(), path: GraphPathSchema })),
  /** People who overlapped with the candidate at an employer and later worked in the target sector. */
  formerColleagues: z.array(
    z.object({ colleague: NamedRefSchema, employer: NamedRefSchema, movedTo: NamedRefSchema, path: GraphPathSchema }),
  ),
  /** The candidate's employers whose people went on to the target sector. */
  feederEmployers: z.array(z.object({ employer: NamedRefSchema, movers: z.number().int().positive(), path: GraphPathSchema })),
});
export type Pivot = z.infer<typeof PivotSchema>;

export const PivotResponseSchema = z.object({
  candidate: z.object({ id: z.string(), name: z.string().nullable(), segment: SegmentSchema.nullable() }),
  pivots: z.array(PivotSchema),
});
export type PivotResponse = z.infer<typeof PivotResponseSchema>;
