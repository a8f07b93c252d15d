import { z } from 'zod';
import { GraphLinkSchema, GraphNodeSchema, IdSchema, NodeKindSchema, intParam } from './common.schema.ts';

/** The force-directed view's data: nodes and links around one node, capped. */

export const NEIGHBOURHOOD_FIRST_HOP_MAX = 300;
export const NEIGHBOURHOOD_TOTAL_MAX = 2000;
export const NEIGHBOURHOOD_LIMIT_DEFAULT = 500;

export const NeighbourhoodQuerySchema = z.strictObject({
  id: IdSchema,
  /** Needed only when the id names nodes of several kinds. */
  kind: NodeKindSchema.optional(),
  depth: z.enum(['1', '2'], { message: 'must be 1 or 2' }).transform(Number).default(1),
  /** Most nodes returned, the centre included (the first hop never exceeds 300). */
  limit: intParam({ min: 1, max: NEIGHBOURHOOD_TOTAL_MAX }).default(NEIGHBOURHOOD_LIMIT_DEFAULT),
});
export type NeighbourhoodQuery = z.output<typeof NeighbourhoodQuerySchema>;

export const NeighbourhoodResponseSchema = z.object({
  /** Key of the node the view centres on. */
  center: z.string(),
  depth: z.union([z.literal(1), z.literal(2)]),
  nodes: z.array(GraphNodeSchema),
  links: z.array(GraphLinkSchema),
  /** True when some neighbours were left out by a cap. */
  truncated: z.boolean(),
  caps: z.object({ firstHop: z.number().int(), perNode: z.number().int(), total: z.number().int() }),
});
export type NeighbourhoodResponse = z.infer<typeof NeighbourhoodResponseSchema>;
