import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { loadEnv } from '../config.ts';
import { createDatabase } from '../db/neo4j.ts';
import { createLogger } from '../logger.ts';
import { createApp } from '../app.ts';
import { requestLog } from '../middleware/request-log.ts';
import { securityHeaders } from '../middleware/security.ts';

/**
 * The servers `npm run bench:load` drives, in one process of their own: the
 * app as `atlas serve` builds it (access control, rate limits as configured,
 * helmet, request logs) on one port, and on another a bare Express app with
 * `GET /bare`, a route with no middleware at all, the baseline of the same
 * run, and the same route behind the security headers, the request log and
 * both (`/floor/…`): what those alone leave of the bare rate. Sends
 * `{ listening: { baseline, app } }` (the two ports) over its IPC channel once
 * both listen; its stdout is the request log.
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
// The app as `atlas serve` runs it: an Express app of its own on its own port, not mounted
// under the baseline's (a mounted app costs each request two prototype swaps the server never pays).
const app = createApp({
  db,
  logger,
  clientDir: '/nonexistent',
  ...(limitsOff && { security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } }),
});
const portOf = (server: Server) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
// A port that cannot be had fails the start (the bench sees the exit), rather than leave it waiting.
const listening = (server: Server) =>
  new Promise<Server>((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
const servers = await Promise.all([listening(outer.listen(0, '127.0.0.1')), listening(app.listen(0, '127.0.0.1'))]);
for (const server of servers) server.keepAliveTimeout = 65_000;
process.send?.({ listening: { baseline: portOf(servers[0]), app: portOf(servers[1]) } });
process.once('SIGTERM', () => {
  for (const server of servers) {
    server.close();
    server.closeAllConnections();
  }
  void db.close().then(() => process.exit(0));
});
