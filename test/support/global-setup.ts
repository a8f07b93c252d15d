import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadEnv, resolvePaths } from '../../server/config.ts';
import { startInstance, stopInstance } from '../../server/db/managed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; password: string };
  }
}

/**
 * The suite runs against its own managed Neo4j ("test" instance, its own data
 * folder), never the developer's data and never NEO4J_URI. A running test
 * instance is reused (`npx atlas db start --instance test` keeps one warm);
 * one started here is stopped at the end.
 */
export default async function setup(project: TestProject) {
  const env = loadEnv();
  const paths = resolvePaths(env);
  const instance = env.ATLAS_TEST_INSTANCE;
  const log = (line: string) => process.stderr.write(`[test db] ${line}\n`);
  const { state, reused } = await startInstance(env, paths, instance, log);
  project.provide('neo4j', { uri: state.uri, password: state.password });
  // The files and folders tests make (and the commands they run make) go to a temporary folder
  // of this run's own, removed at its end: test workers and their child processes inherit TMPDIR.
  const systemTmp = process.env.TMPDIR;
  const runTmp = mkdtempSync(path.join(tmpdir(), 'atlas-test-run-'));
  process.env.TMPDIR = runTmp;
  return async () => {
    if (systemTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTmp;
    rmSync(runTmp, { recursive: true, force: true });
    if (!reused) await stopInstance(paths, instance, log);
  };
}
