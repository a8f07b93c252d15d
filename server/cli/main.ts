import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { ManagedDbError } from '../db/managed.ts';
import { CliError, type CliContext, createContext, databaseLost } from './context.ts';
import { registerDb } from './commands/db.ts';
import { registerServe } from './commands/serve.ts';
import { registerSeed } from './commands/seed.ts';
import { registerStats } from './commands/stats.ts';
import { registerImport } from './commands/import.ts';
import { registerLists } from './commands/lists.ts';
import { registerPrivacy } from './commands/privacy.ts';
import { registerUsers } from './commands/users.ts';

export function buildProgram(): Command {
  let ctx: CliContext | undefined;
  // Created on first use so `--help` works even with a broken environment.
  const context = () => (ctx ??= createContext());
  const program = new Command()
    .name('atlas')
    .description('Talent Atlas: map and source scarce specialists across hubs, on a Neo4j talent graph.')
    .showHelpAfterError()
    .exitOverride();
  registerDb(program, context);
  registerStats(program, context);
  registerServe(program, context);
  registerImport(program, context);
  registerSeed(program, context);
  registerLists(program, context);
  registerPrivacy(program, context);
  registerUsers(program, context);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `atlas stats | head`, `atlas export … | less` then q: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed its own message (or the help) already. Its usage errors (a missing
      // option or argument) exit 1, which the commands use for "not found" or a failure; a bad
      // value of an option (--role boss) already exits 2, so a missing one does too.
      process.exitCode = error.exitCode === 1 ? 2 : error.exitCode;
      return;
    }
    // A database lost part way through a command that does not say more itself: one line and exit 3, not the driver's stack.
    const told = error instanceof CliError ? error : (databaseLost(error, 'the command', 'Run it again once the database answers.') ?? error);
    const known = told instanceof CliError || told instanceof ConfigError || told instanceof ManagedDbError;
    process.stderr.write(`atlas: ${told instanceof Error ? told.message : String(told)}\n`);
    if (!known && told instanceof Error && told.stack) process.stderr.write(`${told.stack}\n`);
    process.exitCode = told instanceof CliError ? told.exitCode : 1;
  }
}
