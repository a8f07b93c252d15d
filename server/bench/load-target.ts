import express, { type Request, type Response } from 'express';
import { loadEnv } from '../config.ts';
import { createDatabase } from '../db/neo4j.ts';
import { createLogger } from '../logger.ts';
import { createApp } from '../app.ts';
import { requestLog } from '../middleware/request-log.ts';
import { securityHeaders } from '../middleware/security.ts';

/**
 * The server `npm run bench:load` drives, in a process of its own: the app as
 * `atlas serve` builds it (access control, rate limits as configured, helmet,
 * request logs), plus `GET /bare`, a route with no middleware at all, as the
 * baseline of the same run, and the same route behind the security headers,
 * the request log and both (`/floor/…`): what those alone leave of the bare rate. Prints `LISTENING <port>` once it listens.
 *
 * Usage: load-target.ts --uri BOLT_URI --password PASSWORD [--rate-limits off]
 */

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const env = loadEnv();
const db = createDatabase({ uri: arg('--uri')!, password: arg('--password')!, username: 'neo4j', database: 'neo4j', source: 'managed:bench-load' });
const limitsOff = arg('--rate-limits') === 'off';
const logger = createLogger(env.LOG_LEVEL);
const outer = express();
outer.disable('x-powered-by');
const ok = (_req: Request, res: Response) => {
  res.json({ ok: true });
};
outer.get('/bare', ok);
// Floors: the same route behind only the pieces every API route must have (security headers, the request log).
outer.get('/floor/headers', securityHeaders(), ok);
outer.get('/floor/log', requestLog(logger), ok);
outer.get('/floor/headers-log', requestLog(logger), securityHeaders(), ok);
outer.use(
  createApp({
    db,
    logger,
    clientDir: '/nonexistent',
    ...(limitsOff && { security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } }),
  }),
);
const server = outer.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
});
server.keepAliveTimeout = 65_000;
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void db.close().then(() => process.exit(0));
});
