import express from 'express';
import { loadEnv } from '../config.ts';
import { createDatabase } from '../db/neo4j.ts';
import { createLogger } from '../logger.ts';
import { createApp } from '../app.ts';

/**
 * The server `npm run bench:load` drives, in a process of its own: the app as
 * `atlas serve` builds it (access control, rate limits as configured, helmet,
 * request logs), plus `GET /bare`, a route with no middleware at all, as the
 * baseline of the same run. Prints `LISTENING <port>` once it listens.
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
const outer = express();
outer.disable('x-powered-by');
outer.get('/bare', (_req, res) => {
  res.json({ ok: true });
});
outer.use(
  createApp({
    db,
    logger: createLogger(env.LOG_LEVEL),
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
