import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from './config.ts';
import type { Database } from './db/neo4j.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { openApiDocument } from './openapi.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { candidatesRoutes } from './routes/candidates.routes.ts';
import { employersRoutes } from './routes/employers.routes.ts';
import { flowsRoutes } from './routes/flows.routes.ts';
import { graphRoutes } from './routes/graph.routes.ts';
import { hubsRoutes } from './routes/hubs.routes.ts';
import { pathsRoutes } from './routes/paths.routes.ts';
import { salaryBandsRoutes } from './routes/salary-bands.routes.ts';
import { savedViewsRoutes } from './routes/saved-views.routes.ts';
import { taxonomyRoutes } from './routes/taxonomy.routes.ts';
import { searchesRoutes } from './routes/searches.routes.ts';
import { listsRoutes } from './routes/lists.routes.ts';
import { importRoutes } from './routes/import.routes.ts';
import type { Clock } from './services/clock.ts';
import { createLogger } from './logger.ts';

export interface AppDeps {
  db: Database;
  logger?: Logger;
  /** Folder of the built client; served when present. */
  clientDir?: string;
  /** The app's clock (time in stage, tenure, flow windows); tests fix it. */
  clock?: Clock;
}

export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client');

/** Builds the Express app; server/index.ts listens, tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const logger = deps.logger ?? createLogger('silent');
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  const json = express.json({ limit: '1mb' });
  // POST /api/import streams its body (up to 50 MB) itself.
  app.use((req, res, next) => (req.path === '/api/import' ? next() : json(req, res, next)));

  const api = express.Router();
  api.use(healthRoutes(deps));
  api.use(hubsRoutes(deps));
  api.use(candidatesRoutes(deps));
  api.use(graphRoutes(deps));
  api.use(employersRoutes(deps));
  api.use(flowsRoutes(deps));
  api.use(pathsRoutes(deps));
  api.use(searchesRoutes(deps));
  api.use(salaryBandsRoutes(deps));
  api.use(listsRoutes(deps));
  api.use(taxonomyRoutes(deps));
  api.use(savedViewsRoutes(deps));
  api.use(importRoutes(deps));
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  api.use(notFound);
  app.use('/api', api);

  const clientDir = deps.clientDir ?? CLIENT_DIST;
  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html' }));
    // Deep links (shared URLs) load the single page, which reads its state from the URL.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
