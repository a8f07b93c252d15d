import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { errorResponses, registry } from '../openapi.ts';
import { ErrorBodySchema } from '../schemas/common.schema.ts';
import {
  EmployerDetailSchema,
  EmployerParamsSchema,
  EmployersQuerySchema,
  EmployersResponseSchema,
} from '../schemas/employers.schema.ts';
import { employerDetail, listEmployers } from '../services/employers.service.ts';

registry.register('EmployersResponse', EmployersResponseSchema);
registry.register('EmployerDetail', EmployerDetailSchema);

registry.registerPath({
  method: 'get',
  path: '/api/employers',
  summary: 'Employers with a site in a hub and/or in a sector, largest first',
  request: { query: EmployersQuerySchema },
  responses: {
    200: { description: 'The employers', content: { 'application/json': { schema: EmployersResponseSchema } } },
    ...errorResponses,
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/employers/{id}',
  summary: 'One employer: its people by title and seniority, sectors and sites',
  request: { params: EmployerParamsSchema },
  responses: {
    200: { description: 'The employer', content: { 'application/json': { schema: EmployerDetailSchema } } },
    404: { description: 'Unknown employer', content: { 'application/json': { schema: ErrorBodySchema } } },
    ...errorResponses,
  },
});

export function employersRoutes({ db }: AppDeps): Router {
  return Router()
    .get(
      '/employers',
      handle({ query: EmployersQuerySchema }, async ({ query }) => conform(EmployersResponseSchema, await listEmployers(db, query))),
    )
    .get(
      '/employers/:id',
      handle({ params: EmployerParamsSchema }, async ({ params }) => conform(EmployerDetailSchema, await employerDetail(db, params.id))),
    );
}
