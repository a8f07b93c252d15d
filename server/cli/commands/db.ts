import type { Command } from 'commander';
import { DEV_INSTANCE, readManagedState } from '../../config.ts';
import { createDatabase, describeDbError } from '../../db/neo4j.ts';
import { instanceStatus, startInstance, stopInstance } from '../../db/managed.ts';
import { findVersion } from '../../repositories/health.repository.ts';
import type { CliContext } from '../context.ts';
import { CliError } from '../context.ts';

export function registerDb(program: Command, context: () => CliContext): void {
  const db = program
    .command('db')
    .description("manage this checkout's own Neo4j (ignored when NEO4J_URI points elsewhere)");
  const instanceOption = ['--instance <name>', 'which managed instance (tests use "test")', DEV_INSTANCE] as const;

  db.command('start')
    .description('download Neo4j Community 5.26 once, start it on a free loopback port, print its bolt URI')
    .option(...instanceOption)
    .action(async (opts: { instance: string }) => {
      const ctx = context();
      const { state, reused } = await startInstance(ctx.env, ctx.paths, checkInstance(opts.instance), ctx.info);
      ctx.info(reused ? `Neo4j already running (pid ${state.pid}).` : `Neo4j ${state.version} ready (pid ${state.pid}).`);
      process.stdout.write(`${state.uri}\n`);
    });

  db.command('stop')
    .description('stop the managed Neo4j cleanly')
    .option(...instanceOption)
    .action(async (opts: { instance: string }) => {
      const ctx = context();
      const stopped = await stopInstance(ctx.paths, checkInstance(opts.instance), ctx.info);
      process.stdout.write(stopped ? 'stopped\n' : 'not running\n');
    });

  db.command('status')
    .description('say whether the managed Neo4j runs, and where')
    .option(...instanceOption)
    .option('--json', 'print a JSON object')
    .action(async (opts: { instance: string; json?: boolean }) => {
      const ctx = context();
      const instance = checkInstance(opts.instance);
      const status = instanceStatus(ctx.paths, instance);
      let version: string | undefined;
      if (status.status === 'running') {
        const conn = { uri: status.state.uri, username: 'neo4j', password: status.state.password, database: 'neo4j', source: `managed:${instance}` as const };
        const database = createDatabase(conn);
        try {
          version = (await findVersion(database)).version;
        } catch (error) {
          throw new CliError(`Process ${status.state.pid} runs but Neo4j does not answer: ${describeDbError(error, conn)}`);
        } finally {
          await database.close();
        }
      }
      const state = readManagedState(ctx.paths, instance);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ instance, status: status.status, uri: state?.uri, pid: state?.pid, dataDir: state?.dataDir, version })}\n`,
        );
      } else if (status.status === 'running') {
        process.stdout.write(`running ${status.state.uri} (Neo4j ${version}, pid ${status.state.pid}, data ${status.state.dataDir})\n`);
      } else if (status.status === 'stale') {
        process.stdout.write(`stopped (stale state of pid ${status.state.pid}; the next start cleans it)\n`);
      } else {
        process.stdout.write('stopped\n');
      }
      if (ctx.env.NEO4J_URI) ctx.info(`Note: NEO4J_URI is set, so the app and the CLI use ${ctx.env.NEO4J_URI}, not this instance.`);
    });
}

function checkInstance(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(name)) throw new CliError(`--instance must be a short lowercase name, got "${name}"`, 2);
  return name;
}
