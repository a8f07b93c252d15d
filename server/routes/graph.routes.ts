import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { errorResponses, registry } from '../openapi.ts';
import { ErrorBodySchema, GraphLinkSchema, GraphNodeSchema } from '../schemas/common.schema.ts';
import { NeighbourhoodQuerySchema, NeighbourhoodResponseSchema } from '../schemas/graph.schema.ts';
import { type NeighbourhoodCache, neighbourhood } from '../services/graph.service.ts';
import { VersionedCache } from '../services/versioned-cache.ts';

registry.register('GraphNode', GraphNodeSchema);
registry.register('GraphLink', GraphLinkSchema);
registry.register('Neighbourhood', NeighbourhoodResponseSchema);

registry.registerPath({
  method: 'get',
  path: '/api/graph/neighbourhood',
  summary: 'Nodes and links around any node, for the force-directed view',
  description:
    'Depth 1 or 2. At most 300 first-hop nodes and `limit` (≤ 2,000) nodes in all, the centre included; every relationship type ' +
    'is read with a cap, so hubs, sectors and skills never expand in full. `truncated` is true whenever a neighbour was left out.',
  request: { query: NeighbourhoodQuerySchema },
  responses: {
    200: { description: 'The neighbourhood', content: { 'application/json': { schema: NeighbourhoodResponseSchema } } },
    404: { description: 'No node has this id', content: { 'application/json': { schema: ErrorBodySchema } } },
    ...errorResponses,
  },
});

export function graphRoutes({ db }: AppDeps): Router {
  // A few answers: one holds up to 2,000 nodes and their links.
  const cache: NeighbourhoodCache = new VersionedCache(16);
  return Router().get(
    '/graph/neighbourhood',
    handle({ query: NeighbourhoodQuerySchema }, async ({ query }) => conform(NeighbourhoodResponseSchema, await neighbourhood(db, query, cache))),
  );
}
