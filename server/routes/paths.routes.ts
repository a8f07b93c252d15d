import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { errorResponses, registry } from '../openapi.ts';
import { ErrorBodySchema } from '../schemas/common.schema.ts';
import { PathsQuerySchema, PathsResponseSchema } from '../schemas/paths.schema.ts';
import { systemClock } from '../services/clock.ts';
import { warmPaths } from '../services/paths.service.ts';

registry.register('PathsResponse', PathsResponseSchema);

registry.registerPath({
  method: 'get',
  path: '/api/paths',
  summary: 'Warm-introduction paths from a team member to a candidate',
  description:
    'Chains of up to three links through former colleagues (overlapping tenure at one employer) and co-authors, ' +
    'ranked by the product of each link’s strength × recency (README "Warm paths").',
  request: { query: PathsQuerySchema },
  responses: {
    200: { description: 'The paths, best first', content: { 'application/json': { schema: PathsResponseSchema } } },
    404: { description: 'Unknown team member or candidate', content: { 'application/json': { schema: ErrorBodySchema } } },
    ...errorResponses,
  },
});

export function pathsRoutes({ db, clock = systemClock }: AppDeps): Router {
  return Router().get(
    '/paths',
    handle({ query: PathsQuerySchema }, async ({ query }) => conform(PathsResponseSchema, await warmPaths(db, query, clock()))),
  );
}
