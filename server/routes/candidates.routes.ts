import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { requester } from '../middleware/requester.ts';
import { errorResponses, registry } from '../openapi.ts';
import {
  CandidateParamsSchema,
  CandidateProfileSchema,
  PivotQuerySchema,
  PivotResponseSchema,
} from '../schemas/candidates.schema.ts';
import { ErrorBodySchema, GraphPathSchema } from '../schemas/common.schema.ts';
import { candidatePivots, candidateProfile } from '../services/candidates.service.ts';
import { systemClock } from '../services/clock.ts';

registry.register('GraphPath', GraphPathSchema);
registry.register('CandidateProfile', CandidateProfileSchema);
registry.register('PivotResponse', PivotResponseSchema);

const notFound = { description: 'Unknown candidate', content: { 'application/json': { schema: ErrorBodySchema } } };

registry.registerPath({
  method: 'get',
  path: '/api/candidates/{id}',
  summary: "A candidate's profile: career, skills with evidence, publications, segment, hub and pipelines",
  request: { params: CandidateParamsSchema },
  responses: {
    200: { description: 'The profile', content: { 'application/json': { schema: CandidateProfileSchema } } },
    404: notFound,
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/candidates/{id}/pivot',
  summary: 'Evidence that a move from an adjacent sector into a target sector is plausible',
  description:
    'For each sector of the career that PIVOTS_TO a target sector: skills shared with people who made that move, ' +
    'former colleagues who already moved, and the candidate’s employers that feed the target sector, each as a graph path.',
  request: { params: CandidateParamsSchema, query: PivotQuerySchema },
  responses: {
    200: { description: 'The pivots and their evidence', content: { 'application/json': { schema: PivotResponseSchema } } },
    404: notFound,
    ...errorResponses,
  },
});

export function candidatesRoutes({ db, clock = systemClock }: AppDeps): Router {
  return Router()
    .get(
      '/candidates/:id',
      handle({ params: CandidateParamsSchema }, async ({ params }, req, res) =>
        conform(CandidateProfileSchema, await candidateProfile(db, params.id, clock(), requester(req, res))),
      ),
    )
    .get(
      '/candidates/:id/pivot',
      handle({ params: CandidateParamsSchema, query: PivotQuerySchema }, async ({ params, query }) =>
        conform(PivotResponseSchema, await candidatePivots(db, params.id, query, clock())),
      ),
    );
}
