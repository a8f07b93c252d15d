import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Database } from '../../db/neo4j.ts';
import { MAX_CANDIDATES } from '../../seed/generator.ts';
import { WorldError, loadWorld } from '../../seed/world.ts';
import {
  DEMO_WORLD,
  type SeedOptions,
  SeedInputError,
  SeedRefusedError,
  type SeedSummary,
  isWorldEmpty,
  seedDemoWorld,
} from '../../services/seed.service.ts';
import { cliActor, cliOrigin } from '../actor.ts';
import { type CliContext, CliError, parseCount, withDatabase } from '../context.ts';
import { progressBar } from '../progress.ts';

interface SeedFlags {
  candidates: number;
  seed: number;
  world?: string;
  replace?: boolean;
  yes?: boolean;
}

export function registerSeed(program: Command, context: () => CliContext): void {
  program
    .command('seed')
    .description('load the demo world (employers, candidates, the team, derived segments); the same seed and size give the same world')
    .option('--candidates <n>', `how many candidates, 1 to ${MAX_CANDIDATES}`, parseCount('--candidates', { min: 1, max: MAX_CANDIDATES }), DEMO_WORLD.candidates)
    .option('--seed <s>', 'the random seed, a whole number', parseCount('--seed', { max: 2 ** 31 - 1 }), DEMO_WORLD.seed)
    .option('--world <dir>', 'a world folder with the same files as fixtures/world (default: fixtures/world)')
    .option('--replace', 'delete the world the database holds first, whatever it is (asks on a terminal)')
    .option('--yes', 'with --replace: do not ask')
    .addHelpText(
      'after',
      '\nA database holding anything else (another seed or size, imported candidates) is refused unless --replace is given.\n' +
        '--replace deletes the world: candidates, employers, hubs, sectors, skills, publications, institutions, the team,\n' +
        'and the work on them (mandates and pipelines, target lists and snapshots, saved views), since a new world reuses\n' +
        'their ids for other people. Users, tokens, the audit trail and the suppression list stay; the replacement is\n' +
        'recorded in the audit trail (world.replace).\n' +
        'Prints a JSON summary on stdout.',
    )
    .action(async (flags: SeedFlags) => {
      const ctx = context();
      const worldDir = flags.world === undefined ? undefined : path.resolve(flags.world);
      // A broken world folder is reported before the database is touched (or --replace asks).
      if (worldDir !== undefined) checkWorld(worldDir);
      const summary = await withDatabase(ctx, async (db) => {
        if (flags.replace && !(await isWorldEmpty(db))) await confirmReplace(db, flags.yes === true);
        return seedWithProgress(ctx, db, {
          candidates: flags.candidates,
          seed: flags.seed,
          replace: flags.replace,
          audit: { actor: cliActor(), origin: cliOrigin() },
          worldDir,
        });
      });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}

/** Seeds with a progress bar on a terminal and a summary line; the errors a user can act on become one-line CliErrors. */
export async function seedWithProgress(ctx: CliContext, db: Database, options: Omit<SeedOptions, 'onProgress'>): Promise<SeedSummary> {
  const bar = progressBar('Seeding candidates', options.candidates);
  let summary: SeedSummary;
  try {
    summary = await seedDemoWorld(db, { ...options, onProgress: (done) => bar.update(done) });
  } catch (error) {
    if (error instanceof SeedRefusedError || error instanceof WorldError) throw new CliError(error.message);
    if (error instanceof SeedInputError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    bar.stop();
  }
  ctx.info(describeSeedSummary(summary));
  return summary;
}

export function describeSeedSummary(s: SeedSummary): string {
  const segments = Object.entries(s.segments)
    .map(([segment, n]) => `${n} ${segment}`)
    .join(', ');
  const what =
    `${s.candidates} candidates (${segments}), ${s.employers} employers, ${s.teamMembers} team members ` +
    `(${s.teamLinks.colleagues} former-colleague and ${s.teamLinks.coauthors} co-author links to candidates)`;
  if (s.alreadyPresent) return `The demo world ${s.world} ("${s.worldName}") was already loaded; nothing changed: ${what}.`;
  return `Seeded the demo world ${s.world} ("${s.worldName}")${s.replaced ? ' in place of the world the database held' : ''} in ${s.seconds} s: ${what}.`;
}

function checkWorld(dir: string): void {
  try {
    loadWorld(dir);
  } catch (error) {
    if (error instanceof WorldError) throw new CliError(`--world ${dir} is not a usable world folder:\n${error.message}`, 2);
    throw error;
  }
}

async function confirmReplace(db: Database, yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw new CliError('--replace deletes the world the database holds; there is no terminal to ask on, so pass --yes as well to confirm.', 2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `--replace deletes the world in database "${db.database}" at ${db.connection.uri}: its candidates, employers and the rest of the ` +
        'talent graph, and the mandates, target lists with their snapshots, and saved views built on it. ' +
        'Users, tokens, the audit trail and the suppression list stay. Continue? [y/N] ',
    );
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Nothing was changed.');
  } finally {
    rl.close();
  }
}
