import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { requester } from '../middleware/requester.ts';
import { errorResponses, registry } from '../openapi.ts';
import { ErrorBodySchema } from '../schemas/common.schema.ts';
import {
  MarketMapSchema,
  PipelineEntrySchema,
  SearchCandidateParamsSchema,
  SearchCreateSchema,
  SearchDetailSchema,
  SearchListQuerySchema,
  SearchListSchema,
  SearchParamsSchema,
  SearchSummarySchema,
  StageUpdateSchema,
} from '../schemas/searches.schema.ts';
import { systemClock } from '../services/clock.ts';
import { listSearches, marketMap, moveCandidate, openSearch, searchDetail } from '../services/searches.service.ts';

registry.register('SearchCreate', SearchCreateSchema);
registry.register('SearchSummary', SearchSummarySchema);
registry.register('SearchList', SearchListSchema);
registry.register('SearchDetail', SearchDetailSchema);
registry.register('PipelineEntry', PipelineEntrySchema);
registry.register('StageUpdate', StageUpdateSchema);
registry.register('MarketMap', MarketMapSchema);

const json = (schema: Parameters<typeof registry.register>[1]) => ({ 'application/json': { schema } });
const notFound = { description: 'Unknown search (or candidate)', content: json(ErrorBodySchema) };

registry.registerPath({
  method: 'post',
  path: '/api/searches',
  summary: 'Open a search (client mandate): title, client, hubs, required skills, seniority, sectors, target employers',
  request: { body: { content: json(SearchCreateSchema), required: true } },
  responses: { 201: { description: 'The new search', content: json(SearchDetailSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/searches',
  summary: 'Every search, newest first, with stage counts and its clock against the target days',
  request: { query: SearchListQuerySchema },
  responses: { 200: { description: 'The searches', content: json(SearchListSchema) }, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/searches/{id}',
  summary: 'One search with its pipeline: each candidate’s stage, time in stage and stage history',
  request: { params: SearchParamsSchema },
  responses: { 200: { description: 'The search', content: json(SearchDetailSchema) }, 404: notFound, ...errorResponses },
});

registry.registerPath({
  method: 'get',
  path: '/api/searches/{id}/market-map',
  summary: 'Target employers grouped by sector × hub, with their people, pipeline stages, counts and coverage',
  request: { params: SearchParamsSchema },
  responses: { 200: { description: 'The market map', content: json(MarketMapSchema) }, 404: notFound, ...errorResponses },
});

registry.registerPath({
  method: 'put',
  path: '/api/searches/{id}/candidates/{candidateId}',
  summary: 'Put a candidate in the pipeline at a stage, or move them, with a note',
  description:
    'Stages move forward (identified → contacted → replied → screening → assessment → offer → placed); any stage may go to ' +
    'declined or off-limits; declined may be reopened; placed and off-limits are final (409).',
  request: { params: SearchCandidateParamsSchema, body: { content: json(StageUpdateSchema), required: true } },
  responses: {
    200: { description: 'The pipeline entry', content: json(PipelineEntrySchema) },
    404: notFound,
    409: { description: 'The transition is not allowed', content: json(ErrorBodySchema) },
    ...errorResponses,
  },
});

export function searchesRoutes({ db, clock = systemClock }: AppDeps): Router {
  return Router()
    .post(
      '/searches',
      handle({ body: SearchCreateSchema }, async ({ body }, _req, res) => {
        res.status(201).json(conform(SearchDetailSchema, await openSearch(db, body, clock())));
      }),
    )
    .get(
      '/searches',
      handle({ query: SearchListQuerySchema }, async () => conform(SearchListSchema, await listSearches(db, clock()))),
    )
    .get(
      '/searches/:id',
      handle({ params: SearchParamsSchema }, async ({ params }) => conform(SearchDetailSchema, await searchDetail(db, params.id, clock()))),
    )
    .get(
      '/searches/:id/market-map',
      handle({ params: SearchParamsSchema }, async ({ params }) => conform(MarketMapSchema, await marketMap(db, params.id, clock()))),
    )
    .put(
      '/searches/:id/candidates/:candidateId',
      handle({ params: SearchCandidateParamsSchema, body: StageUpdateSchema }, async ({ params, body }, req, res) =>
        conform(PipelineEntrySchema, await moveCandidate(db, params.id, params.candidateId, body, clock(), requester(req, res))),
      ),
    );
}
