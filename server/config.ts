import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LAWFUL_BASES } from './import/row-schema.ts';

/**
 * The one place that reads the environment. Everything else receives a typed
 * value from here, so a bad variable fails at start-up with its name.
 */

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const neo4jUri = z
  .string()
  .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI');

const EnvSchema = z.object({
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the downloaded Neo4j runtime is cached, shared by every checkout of this user. */
  ATLAS_CACHE_DIR: z.string().min(1).optional(),
  XDG_CACHE_HOME: z.string().min(1).optional(),
  /** Where this checkout keeps its managed instances (data, state, logs). */
  ATLAS_STATE_DIR: z.string().min(1).optional(),
  ATLAS_NEO4J_HEAP: z.string().regex(/^\d+[mg]$/i, 'a JVM size such as 512m or 2g').default('1g'),
  ATLAS_NEO4J_PAGECACHE: z.string().regex(/^\d+[mg]$/i, 'a size such as 256m or 1g').default('512m'),
  ATLAS_START_TIMEOUT_S: z.coerce.number().int().positive().default(180),
  /** Radius (km) within which a located candidate belongs to the nearest hub. */
  ATLAS_HUB_RADIUS_KM: z.coerce.number().positive().max(2000).default(100),
  /** The retention table (periods per country, with their sources); default fixtures/retention.json. */
  ATLAS_RETENTION_FILE: z.string().min(1).optional(),
  /** The source recorded for imported rows that give none (the import then needs no `source` column). */
  ATLAS_IMPORT_DEFAULT_SOURCE: z.string().trim().min(1).max(100).optional(),
  /** The lawful basis recorded for imported rows that give none (the import then needs no `lawful_basis` column). */
  ATLAS_IMPORT_DEFAULT_LAWFUL_BASIS: z.enum(LAWFUL_BASES).optional(),
  /** The managed instance the test suite starts for itself (never the dev data). */
  ATLAS_TEST_INSTANCE: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/).default('test'),
  /** Requests per minute per token (or per address without one) on /api; 0 turns the limit off. */
  ATLAS_RATE_LIMIT: z.coerce.number().int().min(0).default(1200),
  /** Imports per minute per token; 0 turns the limit off. */
  ATLAS_RATE_LIMIT_IMPORT: z.coerce.number().int().min(0).default(10),
  /** Exports per minute per token; 0 turns the limit off. */
  ATLAS_RATE_LIMIT_EXPORT: z.coerce.number().int().min(0).default(30),
  /** Origins allowed to call the API from another site (comma-separated); none by default. */
  ATLAS_CORS_ORIGINS: z
    .string()
    .regex(/^\s*https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*\s*$/, 'must be http(s) origins such as https://app.example, comma-separated')
    .optional(),
  /**
   * Which proxies in front of the server to believe about the client's address
   * (X-Forwarded-For), as Express's "trust proxy" takes it: a number of hops, or
   * addresses, subnets and loopback/linklocal/uniquelocal, comma-separated. None
   * by default: behind a proxy, every client then has the proxy's address, and
   * the per-address limits count them as one.
   */
  ATLAS_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/, 'must be a number of hops, or addresses, subnets and loopback, linklocal or uniquelocal, comma-separated')
    .optional(),
  /** How long a verified token is trusted without asking the database again (a revocation elsewhere takes this long). */
  ATLAS_TOKEN_CACHE_S: z.coerce.number().int().min(0).max(3600).default(30),
  /** How long a request body may send nothing before it is answered 408 and its connection closed (0: off). */
  ATLAS_BODY_TIMEOUT_S: z.coerce.number().int().min(0).max(3600).default(60),
  /** How long shutdown waits for in-flight requests before cutting them. */
  ATLAS_SHUTDOWN_TIMEOUT_S: z.coerce.number().int().min(0).max(600).default(10),
  JAVA_HOME: z.string().optional(),
  CI: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings are how shells unset things; treat them as absent.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** ATLAS_CORS_ORIGINS as a list (none when unset). */
/** ATLAS_TRUST_PROXY as Express's "trust proxy" setting: false when unset. */
export function trustProxy(env: Env): false | number | string {
  const value = env.ATLAS_TRUST_PROXY;
  if (value === undefined || value === '') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function corsOrigins(env: Env): string[] {
  return (env.ATLAS_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
}

export interface Paths {
  /** Per-user cache of downloaded runtimes. */
  cacheDir: string;
  /** Per-checkout folder of managed instances. */
  stateDir: string;
}

export function resolvePaths(env: Env): Paths {
  const cacheRoot = env.ATLAS_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'talent-atlas');
  return {
    cacheDir: path.resolve(cacheRoot),
    stateDir: path.resolve(env.ATLAS_STATE_DIR ?? path.join(PROJECT_ROOT, '.atlas')),
  };
}

/** The managed instance a checkout runs for development; tests use their own. */
export const DEV_INSTANCE = 'dev';

export interface Neo4jConnection {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** Where the settings came from, for messages. */
  source: 'env' | `managed:${string}`;
}

export const ManagedStateSchema = z.object({
  uri: z.string(),
  password: z.string(),
  pid: z.number().int(),
  dataDir: z.string(),
  version: z.string(),
  startedAt: z.string(),
});
export type ManagedState = z.infer<typeof ManagedStateSchema>;

export function instanceDir(paths: Paths, instance: string): string {
  return path.join(paths.stateDir, instance);
}

export function stateFile(paths: Paths, instance: string): string {
  return path.join(instanceDir(paths, instance), 'state.json');
}

export function readManagedState(paths: Paths, instance: string): ManagedState | undefined {
  const file = stateFile(paths, instance);
  if (!existsSync(file)) return undefined;
  const parsed = ManagedStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/**
 * NEO4J_* from the environment win; otherwise the checkout's managed instance.
 * The database name defaults to `neo4j`, the only user database Community has.
 */
export function resolveConnection(env: Env, paths: Paths, instance = DEV_INSTANCE): Neo4jConnection {
  if (env.NEO4J_URI) {
    if (env.NEO4J_PASSWORD === undefined) {
      throw new ConfigError('NEO4J_URI is set but NEO4J_PASSWORD is not: set both, or unset NEO4J_URI to use the managed instance.');
    }
    return {
      uri: env.NEO4J_URI,
      username: env.NEO4J_USERNAME,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE ?? 'neo4j',
      source: 'env',
    };
  }
  const state = readManagedState(paths, instance);
  if (!state) {
    throw new ConfigError(
      `No database configured: NEO4J_URI is not set and the managed instance "${instance}" is not running. ` +
        'Run `npx atlas db start` (or set NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD).',
    );
  }
  return {
    uri: state.uri,
    username: 'neo4j',
    password: state.password,
    database: env.NEO4J_DATABASE ?? 'neo4j',
    source: `managed:${instance}`,
  };
}
