import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runAtlas } from '../run.ts';

describe('atlas db', () => {
  it('atlas db --help lists start, stop and status', () => {
    const { status, stdout } = runAtlas(['db', '--help']);
    expect(status).toBe(0);
    for (const cmd of ['start', 'stop', 'status']) expect(stdout).toContain(cmd);
  });

  it('atlas db status says stopped for an instance that never ran', () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'atlas-cli-'));
    const { status, stdout } = runAtlas(['db', 'status', '--json'], { ATLAS_STATE_DIR: stateDir });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ instance: 'dev', status: 'stopped' });
  });

  it('atlas db start says exactly what to install when Maven is missing', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'atlas-nocache-'));
    const stateDir = mkdtempSync(path.join(tmpdir(), 'atlas-nostate-'));
    // PATH holds node only: java comes from JAVA_HOME, mvn is nowhere.
    const bin = mkdtempSync(path.join(tmpdir(), 'atlas-bin-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const java = execFileSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' }).trim();
    const javaHome = path.dirname(path.dirname(java));
    const { status, stderr } = runAtlas(['db', 'start'], {
      PATH: bin,
      JAVA_HOME: javaHome,
      ATLAS_CACHE_DIR: cacheDir,
      ATLAS_STATE_DIR: stateDir,
    });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/Maven is required.*apt-get install maven/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('atlas stats with a wrong NEO4J_PASSWORD reports an authentication error, not a stack trace, and exits 3', () => {
    const { uri } = inject('neo4j');
    const { status, stderr } = runAtlas(['stats'], { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'definitely-wrong' });
    expect(status).toBe(3);
    expect(stderr).toMatch(/^atlas: Authentication failed for user "neo4j"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('atlas stats against a database nothing answers for says so in one line and exits 3', () => {
    // A port nothing listens on: the connection is refused at once.
    const { status, stderr } = runAtlas(['stats'], { NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'x' });
    expect(status).toBe(3);
    expect(stderr).toMatch(/^atlas: Neo4j at bolt:\/\/127\.0\.0\.1:9 is unreachable \(check NEO4J_URI\)\.\n$/);
  });

  it('atlas stats --json prints node and relationship counts of the configured database', () => {
    const { uri, password } = inject('neo4j');
    const { status, stdout } = runAtlas(['stats', '--json'], { NEO4J_URI: uri, NEO4J_PASSWORD: password });
    expect(status).toBe(0);
    const stats = JSON.parse(stdout) as { nodes: Record<string, number>; relationships: Record<string, number> };
    expect(stats).toHaveProperty('nodes');
    expect(stats).toHaveProperty('relationships');
  });
});
