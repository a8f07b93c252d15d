import { type Env, type Paths, DEV_INSTANCE, loadEnv, resolveConnection, resolvePaths } from '../config.ts';
import { applySchema } from '../db/schema.ts';
import { applyMigrations } from '../services/migrations.service.ts';
import { DatabaseAvailability } from '../db/availability.ts';
import { type Database, classifyDbError, createDatabase, describeDbError } from '../db/neo4j.ts';

/** An error the CLI prints as one line (no stack) before exiting non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Every command's exit code when its database cannot be reached, or stops answering part way. */
export const DATABASE_UNAVAILABLE_EXIT = 3;

/** The database could not be reached before any work began. */
export class DatabaseUnreachableError extends CliError {
  override name = 'DatabaseUnreachableError';
  constructor(message: string) {
    super(message, DATABASE_UNAVAILABLE_EXIT);
  }
}

/**
 * A command's error as the CLI tells it when the database went away part way
 * (stopped, restarted, unreachable, or no longer taking the credentials), or
 * undefined for any other error. One line: what was under way, the cause the
 * driver gives (its full text runs to several sentences), and what the user
 * should do, which only the command knows (`then`).
 */
export function databaseLost(error: unknown, during: string, then: string): CliError | undefined {
  const kind = classifyDbError(error);
  if (kind !== 'unavailable' && kind !== 'auth') return undefined;
  return new CliError(`The database became unavailable during ${during} (${lostCause(error as Error)}). ${then}`, DATABASE_UNAVAILABLE_EXIT);
}

/** "connect ECONNREFUSED 127.0.0.1:7687" from the driver's "Failed to connect to server. Please ensure … Caused by: connect ECONNREFUSED …". */
function lostCause(error: Error): string {
  const text = error.message.split('\n')[0]!.trim();
  const cause = /Caused by: (.+)$/.exec(text)?.[1];
  return (cause ?? text.replace(/\.(\s.*)?$/, '')).trim() || 'no answer';
}

export interface CliContext {
  env: Env;
  paths: Paths;
  /** Progress and notes go to stderr so stdout stays machine-readable. */
  info(line: string): void;
}

export function createContext(): CliContext {
  const env = loadEnv();
  return { env, paths: resolvePaths(env), info: (line) => process.stderr.write(`${line}\n`) };
}

/** How often a command checks that its database still answers, once it has run that long. */
export const DATABASE_WATCH_MS = 2_000;

/**
 * Connects (NEO4J_* env, else the managed instance), checks the connection and
 * the schema, runs `work`, and always closes the driver.
 *
 * While `work` runs, the connection is checked every DATABASE_WATCH_MS, and
 * the user is told at once when the database stops answering and when it
 * answers again: the driver retries a lost write for up to half a minute
 * (its retry time and the wait for a connection) before the command can give
 * up, and would say nothing meanwhile.
 */
export async function withDatabase<T>(ctx: CliContext, work: (db: Database) => Promise<T>, instance = DEV_INSTANCE): Promise<T> {
  const db = createDatabase(resolveConnection(ctx.env, ctx.paths, instance));
  const availability = new DatabaseAvailability(db, { probeMs: DATABASE_WATCH_MS });
  try {
    try {
      await db.verify();
    } catch (error) {
      throw new DatabaseUnreachableError(describeDbError(error, db.connection));
    }
    availability.onChange((up) =>
      ctx.info(
        up
          ? 'atlas: the database answers again; carrying on.'
          : `atlas: the database at ${db.connection.uri} stopped answering; waiting for it (about half a minute at most) before giving up…`,
      ),
    );
    availability.watch(DATABASE_WATCH_MS);
    await applySchema(db);
    await applyMigrations(db, { info: ctx.info });
    return await work(db);
  } finally {
    availability.stop();
    await db.close();
  }
}

/** Parses a whole, non-negative number option with a message naming the option. */
export function parseCount(name: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new CliError(`${name} must be a whole number, got "${value}"`, 2);
    const n = Number(value);
    if (n < min || n > max) throw new CliError(`${name} must be between ${min} and ${max}, got ${n}`, 2);
    return n;
  };
}
