import os from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../../server/db/neo4j.ts';
import { TokenVerifier } from '../../../server/services/users.service.ts';
import { clearGraph, testDatabase } from '../../support/db.ts';
import { runAtlas } from '../run.ts';

describe('atlas seed', () => {
  let db: Database;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_PASSWORD: password };
  });
  afterAll(async () => {
    await db.close();
  });

  it('atlas seed --candidates -5 exits non-zero, saying what a count must be', () => {
    const { status, stderr } = runAtlas(['seed', '--candidates', '-5'], env);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^atlas: --candidates must be a whole number, got "-5"/);
  });

  it('atlas seed --candidates abc exits non-zero, saying what a count must be', () => {
    const { status, stderr } = runAtlas(['seed', '--candidates', 'abc'], env);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^atlas: --candidates must be a whole number, got "abc"/);
  });

  it('atlas seed --candidates 1000001 exits non-zero, naming the allowed range', () => {
    const { status, stderr } = runAtlas(['seed', '--candidates', '1000001'], env);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--candidates must be between 1 and 1000000, got 1000001/);
  });

  it('atlas seed --world names the file at fault in a broken world folder', () => {
    const { status, stderr } = runAtlas(['seed', '--world', '/nonexistent/world'], env);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--world \/nonexistent\/world is not a usable world folder:\n.*world\.json: missing/);
  });

  it('atlas seed loads a world; running it again leaves atlas stats --json unchanged', () => {
    const first = runAtlas(['seed', '--candidates', '400', '--seed', '5'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ world: 'seed:5:400', candidates: 400, alreadyPresent: false });
    expect(first.stderr).toMatch(/Seeded the demo world seed:5:400/);
    const before = runAtlas(['stats', '--json'], env).stdout;
    expect(JSON.parse(before).nodes.Candidate).toBe(400);

    const again = runAtlas(['seed', '--candidates', '400', '--seed', '5'], env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already loaded; nothing changed/);
    expect(runAtlas(['stats', '--json'], env).stdout).toBe(before);
  });

  it('atlas seed refuses another seed without --replace, and --replace without a terminal needs --yes', () => {
    const refused = runAtlas(['seed', '--candidates', '400', '--seed', '6'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^atlas: The database holds another world \(seed 5, 400 candidates\); use --replace/);

    const unconfirmed = runAtlas(['seed', '--candidates', '400', '--seed', '6', '--replace'], env, '');
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toMatch(/pass --yes as well/);

    const replaced = runAtlas(['seed', '--candidates', '400', '--seed', '6', '--replace', '--yes'], env);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ world: 'seed:6:400', replaced: true });
  });

  it('atlas seed --replace keeps users, their tokens and the audit trail, records the replacement, and atlas stats counts the new world', async () => {
    const added = runAtlas(['user', 'add', 'ana', '--role', 'admin', '--token'], env);
    expect(added.status, added.stderr).toBe(0);
    const token = added.stdout.trim();
    const retention = runAtlas(['privacy', 'retention', '--dry-run', '--json'], env);
    expect(retention.status, retention.stderr).toBe(0);
    const trail = () => runAtlas(['privacy', 'audit'], env).stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const before = trail();
    expect(before.map((event) => event.action)).toContain('retention.run');

    const replaced = runAtlas(['seed', '--candidates', '300', '--seed', '7', '--replace', '--yes'], env);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ world: 'seed:7:300', candidates: 300, replaced: true });
    expect(replaced.stderr).toMatch(/in place of the world the database held/);

    expect(await new TokenVerifier(db, 0).verify(token)).toMatchObject({ name: 'ana', role: 'admin' });
    const [latest, ...earlier] = trail();
    expect(earlier).toEqual(before);
    expect(latest).toMatchObject({
      action: 'world.replace',
      actor: `cli:${os.userInfo().username}`,
      origin: `cli:${os.hostname()}`,
      world: 'seed:7:300',
      previousWorld: 'seed:6:400',
      candidates: 400,
      searches: 0,
    });

    const stats = JSON.parse(runAtlas(['stats', '--json'], env).stdout);
    expect(stats.nodes).toMatchObject({ Candidate: 300, World: 1, TeamMember: 12 });
    expect(stats.nodes).not.toHaveProperty('User');
    expect(stats.installation).toEqual({
      nodes: { AuditEvent: before.length + 1, DataVersion: 2, Installation: 1, Token: 1, User: 1 },
      relationships: { HAS_TOKEN: 1 },
    });
  });
});
