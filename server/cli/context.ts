import { type Env, type Paths, DEV_INSTANCE, loadEnv, resolveConnection, resolvePaths } from '../config.ts';
import { applySchema } from '../db/schema.ts';
import { applyMigrations } from '../services/migrations.service.ts';
import { type Database, createDatabase, describeDbError } from '../db/neo4j.ts';

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

/** The database could not be reached before any work began (a command with its own exit codes maps it). */
export class DatabaseUnreachableError extends CliError {
  override name = 'DatabaseUnreachableError';
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

/**
 * Connects (NEO4J_* env, else the managed instance), checks the connection and
 * the schema, runs `work`, and always closes the driver.
 */
export async function withDatabase<T>(ctx: CliContext, work: (db: Database) => Promise<T>, instance = DEV_INSTANCE): Promise<T> {
  const db = createDatabase(resolveConnection(ctx.env, ctx.paths, instance));
  try {
    try {
      await db.verify();
    } catch (error) {
      throw new DatabaseUnreachableError(describeDbError(error, db.connection));
    }
    await applySchema(db);
    await applyMigrations(db, { info: ctx.info });
    return await work(db);
  } finally {
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
