import { z } from 'zod';
import { IdSchema, intParam } from './common.schema.ts';

/**
 * Talent flows: a move is two consecutive jobs in one person's career; it
 * happened when the second job started. `months` keeps the moves of the last
 * N months; `hub` keeps the moves of people in that hub's pool.
 */

export const FlowsQuerySchema = z.strictObject({
  by: z.enum(['sector', 'employer']).default('sector'),
  hub: IdSchema.optional(),
  months: z.union([z.literal('any'), intParam({ min: 1, max: 600 })]).default('any'),
  limit: intParam({ min: 1, max: 500 }).default(100),
});
export type FlowsQuery = z.output<typeof FlowsQuerySchema>;

const FlowEndSchema = z.object({ id: z.string(), name: z.string(), target: z.boolean().nullable() });

export const FlowSchema = z.object({
  from: FlowEndSchema,
  to: FlowEndSchema,
  moves: z.number().int().positive(),
});
export type Flow = z.infer<typeof FlowSchema>;

export const FlowsResponseSchema = z.object({
  by: z.enum(['sector', 'employer']),
  hub: z.string().nullable(),
  months: z.union([z.literal('any'), z.number().int()]),
  /** First day of the window (null for `any`). */
  since: z.string().nullable(),
  /** Moves counted, across all flows (the list holds the `limit` largest). */
  totalMoves: z.number().int().nonnegative(),
  flows: z.array(FlowSchema),
});
export type FlowsResponse = z.infer<typeof FlowsResponseSchema>;
