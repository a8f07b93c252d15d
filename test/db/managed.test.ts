import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineQueries } from '../../server/db/cypher.ts';
import { testDatabase } from '../support/db.ts';
import { loadEnv, resolvePaths, stateFile } from '../../server/config.ts';
import { checkPrerequisites, instanceStatus, pinnedNeo4jVersion, stopInstance } from '../../server/db/managed.ts';

function pathsWithState(pid: number) {
  const paths = resolvePaths(loadEnv({ ATLAS_STATE_DIR: mkdtempSync(path.join(tmpdir(), 'atlas-managed-')) }));
  mkdirSync(path.dirname(stateFile(paths, 'dev')), { recursive: true });
  writeFileSync(
    stateFile(paths, 'dev'),
    JSON.stringify({ uri: 'bolt://127.0.0.1:1', password: 'x', pid, dataDir: '/nowhere', version: '5.26.30', startedAt: 'then' }),
  );
  return paths;
}

describe('managed Neo4j', () => {
  it('pinnedNeo4jVersion reads a 5.26 LTS version from the runtime pom', () => {
    expect(pinnedNeo4jVersion()).toMatch(/^5\.26\.\d+$/);
  });

  it('instanceStatus reports a state file whose process is gone as stale', () => {
    // A pid far above the kernel's pid_max is never alive.
    const paths = pathsWithState(2 ** 30);
    expect(instanceStatus(paths, 'dev').status).toBe('stale');
  });

  it('instanceStatus does not take an unrelated live process for Neo4j', () => {
    const paths = pathsWithState(process.pid);
    expect(instanceStatus(paths, 'dev').status).toBe('stale');
  });

  it('stopInstance cleans a stale state file without signalling anyone', async () => {
    const paths = pathsWithState(2 ** 30);
    expect(await stopInstance(paths, 'dev', () => {})).toBe(false);
    expect(existsSync(stateFile(paths, 'dev'))).toBe(false);
    expect(instanceStatus(paths, 'dev').status).toBe('stopped');
  });

  it('checkPrerequisites says what to install when Java is missing', () => {
    expect(() => checkPrerequisites(loadEnv({ JAVA_HOME: '/nonexistent-jdk' }), false)).toThrow(/Java 17 or newer is required.*apt-get install openjdk-17/);
  });

  it('the managed instance keeps a bounded tail of transaction logs, not two days of them', async () => {
    const db = await testDatabase();
    try {
      const [row] = await db.read(defineQueries('config-setting')['config-setting'], { name: 'db.tx_log.rotation.retention_policy' });
      expect(row?.value).toBe('256M size');
    } finally {
      await db.close();
    }
  });
});
