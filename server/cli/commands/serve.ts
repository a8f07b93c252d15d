import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CLIENT_DIST } from '../../app.ts';
import { DEV_INSTANCE, PROJECT_ROOT, instanceDir, resolveConnection } from '../../config.ts';
import { startInstance } from '../../db/managed.ts';
import { DatabaseAvailability, isConnectionLoss } from '../../db/availability.ts';
import { type Database, classifyDbError, createDatabase, describeDbError } from '../../db/neo4j.ts';
import { applySchema } from '../../db/schema.ts';
import { applyMigrations } from '../../services/migrations.service.ts';
import { listen } from '../../index.ts';
import { createLogger } from '../../logger.ts';
import { DEMO_WORLD, isWorldEmpty, isWorldUnfinished } from '../../services/seed.service.ts';
import { ensureFirstAdmin } from '../../services/users.service.ts';
import { type CliContext, parseCount } from '../context.ts';
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
      const logger = createLogger(ctx.env.LOG_LEVEL);
      const availability = new DatabaseAvailability(db, { logger });
      const prepare = () => prepareDatabase(ctx, db);
      // The server starts whether or not the database answers: /api/health says which,
      // other routes answer 503 meanwhile, and the preparation runs once it is back.
      let prepared = false;
      let firstToken: string | undefined;
      try {
        await db.verify();
        firstToken = await prepare();
        prepared = true;
      } catch (error) {
        if (classifyDbError(error) !== 'unavailable' && classifyDbError(error) !== 'auth') {
          await db.close();
          throw error;
        }
        ctx.info(`${describeDbError(error, db.connection)} Serving anyway; the database is prepared once it answers.`);
        availability.markDown(error);
      }
      if (opts.build) await buildClientIfStale(ctx);
      const running = await listen(
        { db, logger, availability },
        { host: opts.host ?? ctx.env.HOST, port: opts.port ?? ctx.env.PORT, shutdownTimeoutMs: ctx.env.ATLAS_SHUTDOWN_TIMEOUT_S * 1000 },
      );
      ctx.info(`Talent Atlas is serving on ${running.url}  (API: ${running.url}/api/openapi.json; Ctrl-C stops it)`);
      const prepareLate = async () => {
        const token = await prepare();
        prepared = true;
        announceAdminToken(ctx, running.url, token);
      };
      if (prepared) announceAdminToken(ctx, running.url, firstToken);
      else {
        let busy = false;
        availability.onChange((up) => {
          if (!up || prepared || busy) return;
          busy = true;
          prepareLate()
            .catch((error: unknown) => {
              if (isConnectionLoss(error)) {
                ctx.info(`The database went away while being prepared; it is prepared once it returns.`);
                availability.markDown();
              } else {
                ctx.info(`Preparing the database failed: ${describeDbError(error, db.connection)} Restart \`atlas serve\` once that is fixed.`);
              }
            })
            .finally(() => {
              busy = false;
            });
        });
      }
    });
}

/** Schema, the demo world on a database without one, and on a first run the admin token (returned once). */
async function prepareDatabase(ctx: CliContext, db: Database): Promise<string | undefined> {
  await applySchema(db);
  await applyMigrations(db, { info: ctx.info });
  if (await isWorldEmpty(db)) {
    ctx.info(`The database holds no world: seeding the demo world (${DEMO_WORLD.candidates} candidates, seed ${DEMO_WORLD.seed}).`);
    await seedWithProgress(ctx, db, DEMO_WORLD);
  } else if (await isWorldUnfinished(db)) {
    ctx.info(`The demo world's seeding was interrupted: finishing it (${DEMO_WORLD.candidates} candidates, seed ${DEMO_WORLD.seed}).`);
    await seedWithProgress(ctx, db, DEMO_WORLD);
  }
  return ensureAdminToken(ctx, db);
}

/** The admin token of a first run (a database without users), stored for the browser; undefined otherwise. */
async function ensureAdminToken(ctx: CliContext, db: Database): Promise<string | undefined> {
  const first = await ensureFirstAdmin(db, new Date());
  if (!first) return undefined;
  const file = adminTokenFile(ctx);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${first.token}\n`, { mode: 0o600 });
  return first.token;
}

export function adminTokenFile(ctx: CliContext): string {
  return path.join(instanceDir(ctx.paths, DEV_INSTANCE), 'admin-token');
}

/** What keeps the token file private: its mode, and .gitignore when it lies in the checkout's .atlas folder. */
function whereKept(file: string): string {
  const inCheckout = !path.relative(path.join(PROJECT_ROOT, '.atlas'), file).startsWith('..');
  return inCheckout ? 'readable by you alone; git-ignored' : 'readable by you alone';
}

function announceAdminToken(ctx: CliContext, url: string, token: string | undefined): void {
  const file = path.relative(process.cwd(), adminTokenFile(ctx)) || adminTokenFile(ctx);
  if (token === undefined) {
    if (existsSync(adminTokenFile(ctx))) ctx.info(`Sign in with the token in ${file} (or one from \`npx atlas token create --user NAME\`).`);
    return;
  }
  ctx.info(
    [
      '',
      'First run: created the user "admin" (role admin) and its access token, shown this once:',
      '',
      `  ${token}`,
      '',
      `It is also kept for the browser in ${file} (${whereKept(adminTokenFile(ctx))}). Open this link to sign in:`,
      '',
      `  ${url}/#token=${token}`,
      '',
      'Add people with `npx atlas user add NAME --role viewer|sourcer|admin` and `npx atlas token create --user NAME`.',
      '',
    ].join('\n'),
  );
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
  await build({ root: path.join(PROJECT_ROOT, 'client'), configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
