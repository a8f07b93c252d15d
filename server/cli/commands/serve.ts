import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CLIENT_DIST } from '../../app.ts';
import { DEV_INSTANCE, PROJECT_ROOT, resolveConnection } from '../../config.ts';
import { startInstance } from '../../db/managed.ts';
import { createDatabase, describeDbError } from '../../db/neo4j.ts';
import { applySchema } from '../../db/schema.ts';
import { listen } from '../../index.ts';
import { createLogger } from '../../logger.ts';
import { DEMO_WORLD, isDatabaseEmpty } from '../../services/seed.service.ts';
import { type CliContext, CliError, parseCount } from '../context.ts';
import { seedWithProgress } from './seed.ts';

export function registerServe(program: Command, context: () => CliContext): void {
  program
    .command('serve')
    .description('start Neo4j if needed, apply the schema, build the client and serve the app (what `npm start` runs)')
    .option('--port <port>', 'port to listen on (default PORT or 3000)', parseCount('--port', { max: 65535 }))
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--no-build', 'serve the client as last built')
    .action(async (opts: { port?: number; host?: string; build: boolean }) => {
      const ctx = context();
      if (!ctx.env.NEO4J_URI) {
        const { state } = await startInstance(ctx.env, ctx.paths, DEV_INSTANCE, ctx.info);
        ctx.info(`Using the managed Neo4j at ${state.uri}.`);
      }
      const db = createDatabase(resolveConnection(ctx.env, ctx.paths));
      try {
        await db.verify();
      } catch (error) {
        await db.close();
        throw new CliError(describeDbError(error, db.connection));
      }
      await applySchema(db);
      if (await isDatabaseEmpty(db)) {
        ctx.info(`The database is empty: seeding the demo world (${DEMO_WORLD.candidates} candidates, seed ${DEMO_WORLD.seed}).`);
        try {
          await seedWithProgress(ctx, db, DEMO_WORLD);
        } catch (error) {
          await db.close();
          throw error;
        }
      }
      if (opts.build) await buildClientIfStale(ctx);
      const logger = createLogger(ctx.env.LOG_LEVEL);
      const running = await listen({ db, logger }, { host: opts.host ?? ctx.env.HOST, port: opts.port ?? ctx.env.PORT });
      ctx.info(`Talent Atlas is serving on ${running.url}  (API: ${running.url}/api/openapi.json; Ctrl-C stops it)`);
    });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/client when any client source is newer than the last build. */
async function buildClientIfStale(ctx: CliContext): Promise<void> {
  const index = path.join(CLIENT_DIST, 'index.html');
  const clientSrc = path.join(PROJECT_ROOT, 'client');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(clientSrc)) return;
  ctx.info('Building the client…');
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
