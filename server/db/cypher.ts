import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

/**
 * Every Cypher statement lives once, in `cypher/<name>.cypher`, and is reached
 * through `defineQueries`. A repository declares the names it runs; a missing
 * file fails when that module loads, not on the first request.
 */

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');

const registered = new Set<string>();
const cache = new Map<string, string>();
/** A statement as sent → the first line of its file's leading comment (what it does). */
const titles = new Map<string, string>();

/**
 * The statement of `cypher/<name>.cypher` as it is sent to the database: its
 * comment lines and each line's indentation left out. The comments are for
 * the reader of the file; sent with every query they cost bytes on the wire,
 * and a statement over about 1.4 kB goes out in two socket writes instead of
 * one (the driver's chunk size).
 */
export function loadCypher(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const source = cypherSource(name);
  const statement = compactCypher(source);
  const title = /^\s*\/\/ ?(.+)$/m.exec(source)?.[1];
  if (title !== undefined) titles.set(statement, title.trim());
  cache.set(name, statement);
  return statement;
}

/** The text of `cypher/<name>.cypher` as written, comments and all. */
export function cypherSource(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid Cypher file name "${name}"`);
  try {
    return readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
  } catch {
    throw new Error(`Missing Cypher file cypher/${name}.cypher`);
  }
}

/**
 * Comment lines and blank lines dropped, each line trimmed. Only whole-line
 * comments: a `//` later in a line may sit inside a string ('https://…').
 * (No statement here spans a string literal over two lines, which trimming
 * would change; test/db/cypher.test.ts checks that.)
 */
export function compactCypher(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('//'))
    .join('\n');
}

/** What a loaded statement does: the first line of its file's comment (reports name statements by it). */
export function queryTitle(statement: string): string | undefined {
  return titles.get(statement);
}

export function defineQueries<const N extends string>(...names: N[]): Readonly<Record<N, string>> {
  const queries = {} as Record<N, string>;
  for (const name of names) {
    queries[name] = loadCypher(name);
    registered.add(name);
  }
  return Object.freeze(queries);
}

/** Names declared by every module loaded so far (the Cypher-coverage test loads them all). */
export function registeredQueryNames(): ReadonlySet<string> {
  return registered;
}

export function cypherFileNames(): string[] {
  return readdirSync(CYPHER_DIR)
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => f.slice(0, -'.cypher'.length))
    .sort();
}

/**
 * Splits a multi-statement file (only schema files are), as loadCypher gives
 * it (comment lines already dropped), on semicolons that end a line.
 */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
