import { z } from 'zod';
import { IdSchema, SegmentSchema, SenioritySchema, intParam } from './common.schema.ts';

export const EmployersQuerySchema = z.strictObject({
  /** Employers with a site in this hub. */
  hub: IdSchema.optional(),
  /** Employers in this sector. */
  sector: IdSchema.optional(),
  limit: intParam({ min: 1, max: 500 }).default(100),
});
export type EmployersQuery = z.output<typeof EmployersQuerySchema>;

export const EmployerParamsSchema = z.strictObject({ id: IdSchema });

const SectorRefSchema = z.object({ id: z.string(), name: z.string(), target: z.boolean() });
const HubRefSchema = z.object({ id: z.string(), name: z.string() });

export const EmployerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string().nullable(),
  sectors: z.array(SectorRefSchema),
  sites: z.array(HubRefSchema),
  /** Candidates who work there now. */
  people: z.number().int().nonnegative(),
});
export type EmployerSummary = z.infer<typeof EmployerSummarySchema>;

export const EmployersResponseSchema = z.object({
  /** Employers matching the filters (the list holds the `limit` largest). */
  total: z.number().int().nonnegative(),
  items: z.array(EmployerSummarySchema),
});
export type EmployersResponse = z.infer<typeof EmployersResponseSchema>;

export const EMPLOYER_MEMBERS_MAX = 200;

export const EmployerDetailSchema = EmployerSummarySchema.extend({
  bySeniority: z.object({
    junior: z.number().int(),
    mid: z.number().int(),
    senior: z.number().int(),
    lead: z.number().int(),
    unknown: z.number().int(),
  }),
  byTitle: z.array(z.object({ title: z.string().nullable(), seniority: SenioritySchema.nullable(), count: z.number().int().positive() })),
  /** Current people, most senior first (at most 200). */
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      title: z.string().nullable(),
      seniority: SenioritySchema.nullable(),
      segment: SegmentSchema.nullable(),
      since: z.string().nullable(),
    }),
  ),
  membersTruncated: z.boolean(),
  /** Former people (WORKED_AT). */
  alumni: z.number().int().nonnegative(),
});
export type EmployerDetail = z.infer<typeof EmployerDetailSchema>;
