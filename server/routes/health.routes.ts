import { Router } from 'express';
import { handle } from '../middleware/validate.ts';
import { registry } from '../openapi.ts';
import { HealthSchema, checkHealth } from '../services/health.service.ts';
import type { AppDeps } from '../app.ts';

registry.registerPath({
  method: 'get',
  path: '/api/health',
  summary: 'Whether the database is reachable, its version, and headline counts',
  responses: {
    200: { description: 'Database reachable', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Database unreachable', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export function healthRoutes({ db, availability }: AppDeps): Router {
  return Router().get(
    '/health',
    handle({}, async (_input, _req, res) => {
      const health = await checkHealth(db, availability);
      if (!health.database.reachable) res.setHeader('Retry-After', '5');
      res.status(health.database.reachable ? 200 : 503).json(health);
    }),
  );
}
