import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request } from 'express';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from './config.ts';
import type { Database } from './db/neo4j.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { JSON_TYPE, carriesBody, handle, parseQuery, unsupportedBodyType } from './middleware/validate.ts';
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
import { privacyRoutes } from './routes/privacy.routes.ts';
import { auditAdminTokenUse } from './middleware/admin-audit.ts';
import { systemClock } from './services/clock.ts';
import type { Clock } from './services/clock.ts';
import { createLogger } from './logger.ts';
import { corsOrigins, loadEnv, trustProxy } from './config.ts';
import { DatabaseAvailability } from './db/availability.ts';
import { accessControl } from './middleware/access.ts';
import { bodyTimeout } from './middleware/body-timeout.ts';
import { type RateLimits, apiRateLimit, routeRateLimits } from './middleware/rate-limit.ts';
import { requestLog } from './middleware/request-log.ts';
import { crossOrigin, noStore, securityHeaders } from './middleware/security.ts';
import { usersRoutes } from './routes/users.routes.ts';
import { TokenVerifier } from './services/users.service.ts';

export interface AppDeps {
  db: Database;
  logger?: Logger;
  /** Folder of the built client; served when present. */
  clientDir?: string;
  /** The app's clock (time in stage, tenure, flow windows); tests fix it. */
  clock?: Clock;
  /** Whether the database answers; `listen` shares one with its probe loop. */
  availability?: DatabaseAvailability;
  /** Rate limits, allowed origins and the token cache; from the environment unless given. */
  security?: Partial<SecuritySettings>;
}

export interface SecuritySettings {
  rateLimits: RateLimits;
  corsOrigins: readonly string[];
  /** How long a verified token is trusted without asking the database. */
  tokenCacheMs: number;
  /** Express's "trust proxy": which proxies' X-Forwarded-For gives the client's address. */
  trustProxy: false | number | string;
  /** How long a request body may send nothing before it is answered 408 (0: Node's own request timeout only). */
  bodyTimeoutMs: number;
}

export function securitySettingsFromEnv(env = loadEnv()): SecuritySettings {
  return {
    rateLimits: { perMinute: env.ATLAS_RATE_LIMIT, importPerMinute: env.ATLAS_RATE_LIMIT_IMPORT, exportPerMinute: env.ATLAS_RATE_LIMIT_EXPORT },
    corsOrigins: corsOrigins(env),
    tokenCacheMs: env.ATLAS_TOKEN_CACHE_S * 1000,
    trustProxy: trustProxy(env),
    bodyTimeoutMs: env.ATLAS_BODY_TIMEOUT_S * 1000,
  };
}

/** Whether the body holds bytes, or may (chunked); a `Content-Length: 0` body is no body. */
function nonEmptyBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
}

export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client');

/** Builds the Express app; server/index.ts listens, tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const logger = deps.logger ?? createLogger('silent');
  const settings = { ...securitySettingsFromEnv(), ...deps.security };
  const availability = deps.availability ?? new DatabaseAvailability(deps.db, { logger });
  const tokens = new TokenVerifier(deps.db, settings.tokenCacheMs);
  deps = { ...deps, availability };
  const app = express();
  app.disable('x-powered-by');
  // The client's address (rate limits per address, the audit trail's origin) as the trusted proxies give it.
  app.set('trust proxy', settings.trustProxy);
  app.set('query parser', parseQuery);
  // API answers are never cached (noStore), so an ETag would only cost a hash of every body.
  app.set('etag', false);
  app.use(requestLog(logger));
  app.use(securityHeaders());
  app.use('/api', ...crossOrigin(settings.corsOrigins), noStore());

  const api = express.Router();
  const json = express.json({ limit: '1mb', type: JSON_TYPE });
  const watchBody = bodyTimeout(settings.bodyTimeoutMs);
  // In order, before any route: rate limits (none mounted when off), the access gate, the admin
  // audit trail, the import and export limits, the body.
  api.use(
    ...apiRateLimit(settings.rateLimits, (token) => tokens.isVerified(token) || tokens.isChecking(token)),
    accessControl({ tokens, availability }),
    auditAdminTokenUse(deps.db, deps.clock ?? systemClock),
    ...routeRateLimits(settings.rateLimits),
    // POST /api/import streams its body (up to 50 MB) itself. A request with no body at all (neither
    // length nor chunked: most GETs) skips the parser, which would find the same and cost a turn through it;
    // one that has a body is parsed whatever its method, so a GET with a body is still refused (validate.ts).
    // A non-empty body of another type would be skipped by the parser and reach the route as no body at all,
    // so a request that takes none would act without reading what it was sent: it is refused instead.
    (req, res, next) => {
      if (!carriesBody(req)) return next();
      watchBody(req, res);
      if (res.locals.rule?.path === '/api/import') return next();
      if (nonEmptyBody(req) && !req.is(JSON_TYPE)) return next(unsupportedBodyType(req));
      json(req, res, next);
    },
  );
  api.use(healthRoutes(deps));
  api.use(usersRoutes({ ...deps, tokens }));
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
  api.use(privacyRoutes(deps));
  // Through handle() like every route, so a query parameter or body it does not take is refused, not ignored.
  api.get('/openapi.json', handle({}, () => openApiDocument()));
  api.use(notFound);
  app.use('/api', api);

  const clientDir = deps.clientDir ?? CLIENT_DIST;
  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html' }));
    // Deep links (shared URLs) load the single page, which reads its state from the URL.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }
  app.use(notFound);
  app.use(errorHandler(logger, { onUnavailable: (error) => availability.reportFailure(error) }));
  return app;
}
