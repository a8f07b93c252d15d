import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { handle } from '../middleware/validate.ts';
import { conform } from '../middleware/respond.ts';
import { errorResponses, registry } from '../openapi.ts';
import {
  HubParamsSchema,
  HubsQuerySchema,
  HubsResponseSchema,
  PoolCandidateSchema,
  PoolFilterSchema,
  PoolQuerySchema,
  PoolResponseSchema,
  ScoreSchema,
} from '../schemas/pool.schema.ts';
import { RankingProfileSchema } from '../schemas/ranking.schema.ts';
import { type HubMapCache, type PoolRankCache, createPoolExplanationCache, createPoolRankCache, listHubs, rankPool } from '../services/hubs.service.ts';
import { VersionedCache } from '../services/versioned-cache.ts';
import { systemClock } from '../services/clock.ts';
import { ErrorBodySchema } from '../schemas/common.schema.ts';

registry.register('PoolFilter', PoolFilterSchema);
registry.register('HubsResponse', HubsResponseSchema);
registry.register('RankingProfile', RankingProfileSchema);
registry.register('Score', ScoreSchema);
registry.register('PoolCandidate', PoolCandidateSchema);
registry.register('PoolResponse', PoolResponseSchema);

const notFound = { description: 'Unknown hub', content: { 'application/json': { schema: ErrorBodySchema } } };

registry.registerPath({
  method: 'get',
  path: '/api/hubs',
  summary: 'Every hub with its pool counted by segment and passive/active, under the shared pool filters',
  description:
    "A hub's pool is the candidates BASED_IN it; each hub's `counts.total` equals the `total` of its pool endpoint with the same filters (and no radius).",
  request: { query: HubsQuerySchema },
  responses: {
    200: { description: 'The hub map', content: { 'application/json': { schema: HubsResponseSchema } } },
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/hubs/{hubId}/pool',
  summary: "A hub's candidates ranked by fit score, each with the score's terms",
  description:
    'total = Σ weight·term / Σ weights over skills, sector, seniority, distance and movability (README "Ranking"). ' +
    'Ordered by score, then id; page with `cursor`.',
  request: { params: HubParamsSchema, query: PoolQuerySchema },
  responses: {
    200: { description: 'One page of the ranked pool', content: { 'application/json': { schema: PoolResponseSchema } } },
    404: notFound,
    ...errorResponses,
  },
});

export function hubsRoutes({ db, clock = systemClock }: AppDeps): Router {
  const cache: HubMapCache = new VersionedCache();
  // A few rankings only: each holds up to CACHED_RANK_ROWS rows and the ids of a pool of up to KEPT_MEMBERS.
  const pools: PoolRankCache = createPoolRankCache(32);
  const explanations = createPoolExplanationCache(64);
  return Router()
    .get(
      '/hubs',
      handle({ query: HubsQuerySchema }, async ({ query }) => conform(HubsResponseSchema, await listHubs(db, query, cache))),
    )
    .get(
      '/hubs/:hubId/pool',
      handle({ params: HubParamsSchema, query: PoolQuerySchema }, async ({ params, query }) =>
        conform(PoolResponseSchema, await rankPool(db, params.hubId, query, { now: clock(), cache: pools, explanations })),
      ),
    );
}
