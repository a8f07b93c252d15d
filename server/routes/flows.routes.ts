import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { errorResponses, registry } from '../openapi.ts';
import { FlowsQuerySchema, FlowsResponseSchema } from '../schemas/flows.schema.ts';
import { systemClock } from '../services/clock.ts';
import { talentFlows } from '../services/flows.service.ts';

registry.register('FlowsResponse', FlowsResponseSchema);

registry.registerPath({
  method: 'get',
  path: '/api/flows',
  summary: 'Talent flows between sectors or employers, from career history',
  description:
    'A move is two consecutive jobs in one career, dated by the second job’s start. `months` keeps the last N months ' +
    '(12, 24, 60 or any whole number; `any` keeps all); `hub` keeps moves of candidates BASED_IN that hub.',
  request: { query: FlowsQuerySchema },
  responses: {
    200: { description: 'The flows, largest first', content: { 'application/json': { schema: FlowsResponseSchema } } },
    ...errorResponses,
  },
});

export function flowsRoutes({ db, clock = systemClock }: AppDeps): Router {
  return Router().get(
    '/flows',
    handle({ query: FlowsQuerySchema }, async ({ query }) => conform(FlowsResponseSchema, await talentFlows(db, query, clock()))),
  );
}
