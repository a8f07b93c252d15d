import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { NotFoundError } from '../../server/errors.ts';
import { NeighbourhoodQuerySchema } from '../../server/schemas/graph.schema.ts';
import { type NeighbourhoodCache, neighbourhood } from '../../server/services/graph.service.ts';
import { VersionedCache } from '../../server/services/versioned-cache.ts';
import { testDatabase } from '../support/db.ts';
import { buildExplorerWorld } from '../support/explorer-world.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { candidate, graphEdits, hub } from '../support/graph-edits.ts';

describe('neighbourhood', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const query = (q: Record<string, string>) => NeighbourhoodQuerySchema.parse(q);

  it('neighbourhood with a cache answers as without one, and afresh after any write', async () => {
    const cache: NeighbourhoodCache = new VersionedCache();
    const q = query({ id: 'oxford', depth: '2' });
    const uncached = await neighbourhood(db, q);
    expect(await neighbourhood(db, q, cache)).toEqual(uncached);
    expect(await neighbourhood(db, q, cache)).toEqual(uncached);
    await new GraphSpecBuilder().node('Candidate', { id: 'c-newcomer', name: 'Newcomer' }).write(db);
    await graphEdits.link(db, candidate('c-newcomer'), 'BASED_IN', hub('oxford'));
    const after = await neighbourhood(db, q, cache);
    expect(after.nodes.map((n) => n.key)).toContain('candidate:c-newcomer');
    expect(after).toEqual(await neighbourhood(db, q));
    await buildExplorerWorld(db);
  });

  it('neighbourhood with a cache refuses an unknown id on every call', async () => {
    const cache: NeighbourhoodCache = new VersionedCache();
    for (let i = 0; i < 2; i++) await expect(neighbourhood(db, query({ id: 'no-such-node' }), cache)).rejects.toThrow(NotFoundError);
  });
});
