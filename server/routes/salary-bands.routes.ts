import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { conform } from '../middleware/respond.ts';
import { handle } from '../middleware/validate.ts';
import { errorResponses, registry } from '../openapi.ts';
import { SalaryBandsQuerySchema, SalaryBandsResponseSchema } from '../schemas/salary-bands.schema.ts';
import { salaryBands } from '../services/salary-bands.service.ts';

registry.register('SalaryBandsResponse', SalaryBandsResponseSchema);

registry.registerPath({
  method: 'get',
  path: '/api/salary-bands',
  summary: 'Indicative salary bands and day rates per country and seniority, from the world’s fixtures',
  request: { query: SalaryBandsQuerySchema },
  responses: {
    200: { description: 'The bands', content: { 'application/json': { schema: SalaryBandsResponseSchema } } },
    ...errorResponses,
  },
});

export function salaryBandsRoutes(_deps: AppDeps): Router {
  return Router().get(
    '/salary-bands',
    handle({ query: SalaryBandsQuerySchema }, ({ query }) => conform(SalaryBandsResponseSchema, salaryBands(query))),
  );
}
