import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, corsOrigins, loadEnv, resolveConnection, resolvePaths, stateFile, trustProxy } from '../server/config.ts';

function withManagedState(): ReturnType<typeof resolvePaths> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'atlas-config-'));
  const paths = resolvePaths(loadEnv({ ATLAS_STATE_DIR: stateDir }));
  mkdirSync(path.join(stateDir, 'dev'), { recursive: true });
  writeFileSync(
    stateFile(paths, 'dev'),
    JSON.stringify({ uri: 'bolt://127.0.0.1:7999', password: 'managed-pw', pid: 1, dataDir: '/x', version: '5.26.30', startedAt: 'now' }),
  );
  return paths;
}

describe('config', () => {
  it('resolveConnection uses the managed instance when NEO4J_URI is unset', () => {
    const paths = withManagedState();
    const conn = resolveConnection(loadEnv({}), paths);
    expect(conn).toMatchObject({ uri: 'bolt://127.0.0.1:7999', password: 'managed-pw', username: 'neo4j', database: 'neo4j', source: 'managed:dev' });
  });

  it('resolveConnection prefers NEO4J_* from the environment over the managed instance', () => {
    const paths = withManagedState();
    const env = loadEnv({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'talent' });
    expect(resolveConnection(env, paths)).toEqual({
      uri: 'neo4j+s://abc.databases.neo4j.io',
      username: 'u',
      password: 'p',
      database: 'talent',
      source: 'env',
    });
  });

  it('resolveConnection explains what to do when nothing is configured', () => {
    const paths = resolvePaths(loadEnv({ ATLAS_STATE_DIR: mkdtempSync(path.join(tmpdir(), 'atlas-empty-')) }));
    expect(() => resolveConnection(loadEnv({}), paths)).toThrow(/atlas db start/);
  });

  it('resolveConnection refuses NEO4J_URI without NEO4J_PASSWORD', () => {
    const paths = withManagedState();
    expect(() => resolveConnection(loadEnv({ NEO4J_URI: 'bolt://localhost:7687' }), paths)).toThrow(ConfigError);
  });

  it('loadEnv names the variable that is wrong', () => {
    expect(() => loadEnv({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI/);
    expect(() => loadEnv({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('trustProxy reads ATLAS_TRUST_PROXY as Express takes it: nothing trusted by default, a number of hops, or a list; loadEnv refuses anything else', () => {
    expect(trustProxy(loadEnv({}))).toBe(false);
    expect(trustProxy(loadEnv({ ATLAS_TRUST_PROXY: '1' }))).toBe(1);
    expect(trustProxy(loadEnv({ ATLAS_TRUST_PROXY: 'loopback, 10.0.0.0/8' }))).toBe('loopback, 10.0.0.0/8');
    for (const bad of ['1; rm -rf /', 'a b', '$(id)']) expect(() => loadEnv({ ATLAS_TRUST_PROXY: bad }), bad).toThrow(/ATLAS_TRUST_PROXY/);
  });

  it('corsOrigins reads ATLAS_CORS_ORIGINS as a list, none by default, and loadEnv refuses anything but http(s) origins', () => {
    expect(corsOrigins(loadEnv({}))).toEqual([]);
    expect(corsOrigins(loadEnv({ ATLAS_CORS_ORIGINS: 'https://app.example, http://localhost:5173' }))).toEqual(['https://app.example', 'http://localhost:5173']);
    expect(() => loadEnv({ ATLAS_CORS_ORIGINS: 'javascript:alert(1)' })).toThrow(/ATLAS_CORS_ORIGINS/);
    expect(() => loadEnv({ ATLAS_CORS_ORIGINS: '*' })).toThrow(/ATLAS_CORS_ORIGINS/);
    expect(() => loadEnv({ ATLAS_RATE_LIMIT: '-1' })).toThrow(/ATLAS_RATE_LIMIT/);
  });
});
