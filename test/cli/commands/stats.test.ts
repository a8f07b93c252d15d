import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../../server/db/neo4j.ts';
import { addUser, createUserToken } from '../../../server/services/users.service.ts';
import { clearGraph, testDatabase } from '../../support/db.ts';
import { GraphSpecBuilder } from '../../support/graph.ts';
import { runAtlas } from '../run.ts';

describe('atlas stats', () => {
  let db: Database;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
    await new GraphSpecBuilder()
      .node('Hub', { id: 'munich', name: 'Munich' })
      .node('Candidate', { id: 'c-1', name: 'Ada' })
      .rel('c-1', 'BASED_IN', 'munich', { distanceKm: 3 })
      .write(db);
    const user = await addUser(db, { name: 'ops', role: 'admin', now: new Date() });
    await createUserToken(db, { user: user.id, now: new Date() });
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_PASSWORD: password };
  });
  afterAll(async () => {
    await db.close();
  });

  it('atlas stats --json reports the world under nodes and relationships, and the change mark, the migrations record, users and tokens under installation', () => {
    const { status, stdout, stderr } = runAtlas(['stats', '--json'], env);
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      nodes: { Candidate: 1, Hub: 1 },
      relationships: { BASED_IN: 1 },
      installation: { nodes: { DataVersion: 2, Installation: 1, Token: 1, User: 1 }, relationships: { HAS_TOKEN: 1 } },
    });
  });

  it('atlas stats prints the installation records in a section of their own, after the world', () => {
    const { status, stdout } = runAtlas(['stats'], env);
    expect(status).toBe(0);
    const [world, installation] = stdout.split(/^Installation records .*$/m);
    expect(world).toMatch(/^Nodes\n {2}Candidate +1\n {2}Hub +1\nRelationships\n {2}BASED_IN +1\n$/);
    expect(installation).toMatch(/^\n {2}Nodes\n {4}DataVersion +2\n {4}Installation +1\n {4}Token +1\n {4}User +1\n {2}Relationships\n {4}HAS_TOKEN +1\n$/);
    expect(stdout).toMatch(/^Installation records \(not world data; `atlas seed --replace` keeps them\)$/m);
  });
});
