import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { NotFoundError } from '../../server/errors.ts';
import { NEIGHBOURHOOD_FIRST_HOP_MAX, NEIGHBOURHOOD_TOTAL_MAX, NeighbourhoodQuerySchema } from '../../server/schemas/graph.schema.ts';
import { type NeighbourhoodCache, firstHopCap, neighbourhood } from '../../server/services/graph.service.ts';
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

describe('neighbourhood limits', () => {
  let db: Database;
  // A star whose counts are known: the hub, five people based in it, two skills of their own each.
  const PEOPLE = 5;
  const SKILLS_EACH = 2;
  const WHOLE = 1 + PEOPLE + PEOPLE * SKILLS_EACH;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    const star = new GraphSpecBuilder().node('Hub', { id: 'star', name: 'Star', countryCode: 'XX', catchmentKm: 10 });
    for (let p = 1; p <= PEOPLE; p++) {
      star.node('Candidate', { id: `star-c${p}`, name: `Star ${p}` }).rel(`star-c${p}`, 'BASED_IN', 'star', { distanceKm: p });
      for (let s = 1; s <= SKILLS_EACH; s++) star.node('Skill', { id: `star-k${p}-${s}`, name: `Skill ${p}.${s}` }).rel(`star-c${p}`, 'HAS_SKILL', `star-k${p}-${s}`);
    }
    await star.write(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const around = (depth: number, limit: number) => neighbourhood(db, NeighbourhoodQuerySchema.parse({ id: 'star', depth: String(depth), limit: String(limit) }));

  it('neighbourhood at depth 1 returns at most limit nodes, the centre included, and says when it left one out', async () => {
    for (let limit = 1; limit <= PEOPLE + 2; limit++) {
      const body = await around(1, limit);
      expect(body.nodes.map((n) => n.key), `limit ${limit}`).toHaveLength(Math.min(limit, 1 + PEOPLE));
      expect(body.nodes[0]!.key).toBe('hub:star');
      expect(body.truncated, `limit ${limit}`).toBe(limit < 1 + PEOPLE);
    }
  });

  it('neighbourhood at depth 2 never exceeds the limit and says when it left a node out', async () => {
    for (let limit = 1; limit <= WHOLE + 1; limit++) {
      const body = await around(2, limit);
      expect(body.nodes.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      expect(body.nodes.length, `limit ${limit}`).toBeGreaterThanOrEqual(Math.min(limit, 2));
      expect(body.caps.firstHop, `limit ${limit}`).toBeLessThan(limit);
      expect(body.truncated, `limit ${limit}`).toBe(body.nodes.length < WHOLE);
    }
    const whole = await around(2, WHOLE);
    expect(whole.nodes).toHaveLength(WHOLE);
    expect(whole.truncated).toBe(false);
  });

  it('neighbourhood of a node without neighbours is not truncated at limit 1', async () => {
    await new GraphSpecBuilder().node('Skill', { id: 'star-alone', name: 'Alone' }).write(db);
    const body = await neighbourhood(db, NeighbourhoodQuerySchema.parse({ id: 'star-alone', depth: '2', limit: '1' }));
    expect(body.nodes.map((n) => n.key)).toEqual(['skill:star-alone']);
    expect(body.truncated).toBe(false);
  });
});

describe('firstHopCap', () => {
  it('firstHopCap leaves the centre its place and never exceeds the first-hop maximum', () => {
    expect([1, 2, 3, 8].map((limit) => firstHopCap(1, limit))).toEqual([0, 1, 2, 7]);
    expect([1, 2, 3, 8].map((limit) => firstHopCap(2, limit))).toEqual([0, 1, 1, 3]);
    expect(firstHopCap(1, NEIGHBOURHOOD_TOTAL_MAX)).toBe(NEIGHBOURHOOD_FIRST_HOP_MAX);
    expect(firstHopCap(2, NEIGHBOURHOOD_TOTAL_MAX)).toBe(NEIGHBOURHOOD_FIRST_HOP_MAX);
  });
});
