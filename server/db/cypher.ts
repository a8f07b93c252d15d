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

export function loadCypher(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid Cypher file name "${name}"`);
  let text: string;
  try {
    text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
  } catch {
    throw new Error(`Missing Cypher file cypher/${name}.cypher`);
  }
  cache.set(name, text);
  return text;
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
 * Splits a multi-statement file (only schema files are) on semicolons that end
 * a line; comment lines are dropped.
 */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
