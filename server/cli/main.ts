import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { ManagedDbError } from '../db/managed.ts';
import { CliError, type CliContext, createContext } from './context.ts';
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
    const known = error instanceof CliError || error instanceof ConfigError || error instanceof ManagedDbError;
    process.stderr.write(`atlas: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
