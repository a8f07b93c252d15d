import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from './config.ts';
import type { Database } from './db/neo4j.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { openApiDocument } from './openapi.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { createLogger } from './logger.ts';

export interface AppDeps {
  db: Database;
  logger?: Logger;
  /** Folder of the built client; served when present. */
  clientDir?: string;
}

export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client');

/** Builds the Express app; server/index.ts listens, tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const logger = deps.logger ?? createLogger('silent');
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  api.use(healthRoutes(deps));
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
