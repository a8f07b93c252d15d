import { z } from 'zod';
import { GraphPathSchema, IdSchema, intParam } from './common.schema.ts';

/**
 * Warm introductions: chains of people from a team member to a candidate, each
 * link a former colleague (overlapping tenure at one employer) or a co-author.
 */

export const PATH_HOPS_MAX = 3;

export const PathsQuerySchema = z.strictObject({
  /** A team member's id. */
  from: IdSchema,
  /** A candidate's id. */
  to: IdSchema,
  limit: intParam({ min: 1, max: 20 }).default(5),
});
export type PathsQuery = z.output<typeof PathsQuerySchema>;

const PersonRefSchema = z.object({ id: z.string(), name: z.string().nullable(), kind: z.enum(['teamMember', 'candidate']) });

export const PathLinkSchema = z.object({
  from: PersonRefSchema,
  to: PersonRefSchema,
  via: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('colleague'),
      employer: z.object({ id: z.string(), name: z.string() }),
      overlapFrom: z.string(),
      overlapTo: z.string(),
      overlapMonths: z.number().int().nonnegative(),
    }),
    z.object({
      kind: z.literal('coauthor'),
      publication: z.object({ id: z.string(), title: z.string().nullable(), year: z.number().int().nullable() }),
    }),
  ]),
  /** How well the two know each other, in [0, 1]. */
  strength: z.number().min(0).max(1),
  /** How recent the shared time is, in [0, 1]. */
  recency: z.number().min(0).max(1),
  /** strength · recency. */
  score: z.number().min(0).max(1),
});
export type PathLink = z.infer<typeof PathLinkSchema>;

export const WarmPathSchema = z.object({
  /** Product of the links' scores: longer and weaker chains rank lower. */
  score: z.number().min(0).max(1),
  hops: z.number().int().min(1).max(PATH_HOPS_MAX),
  links: z.array(PathLinkSchema),
  path: GraphPathSchema,
});
export type WarmPath = z.infer<typeof WarmPathSchema>;

export const PathsResponseSchema = z.object({
  from: z.object({ id: z.string(), name: z.string().nullable() }),
  to: z.object({ id: z.string(), name: z.string().nullable() }),
  paths: z.array(WarmPathSchema),
});
export type PathsResponse = z.infer<typeof PathsResponseSchema>;
