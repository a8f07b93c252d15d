import type { Express } from 'express';
import { type Agent, authedAgent } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { type NeighbourhoodResponse, NeighbourhoodResponseSchema } from '../../server/schemas/graph.schema.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { expectError } from '../support/http.ts';

function expectWellFormed(body: NeighbourhoodResponse, limit: number) {
  const keys = body.nodes.map((n) => n.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toContain(body.center);
  expect(body.nodes.length).toBeLessThanOrEqual(limit);
  for (const link of body.links) expect(keys.includes(link.source) && keys.includes(link.target), JSON.stringify(link)).toBe(true);
}

describe('GET /api/graph/neighbourhood', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    // A skill sharing a sector's id, and a skill held by many people.
    const extra = new GraphSpecBuilder().node('Skill', { id: 'robotics', name: 'Robotics (skill)' }, 'robotics-skill').node('Skill', { id: 'python', name: 'Python' });
    for (let i = 0; i < 40; i++) extra.node('Candidate', { id: `py-${String(i).padStart(2, '0')}`, name: `Py ${i}` }).rel(`py-${String(i).padStart(2, '0')}`, 'HAS_SKILL', 'python', { evidence: ['job'] });
    await extra.write(db);
    app = createApp({ db, clock: () => TODAY });
    api = await authedAgent(app, db, 'sourcer');
  });
  afterAll(async () => {
    await db.close();
  });

  const get = async (query: Record<string, string>) => {
    const res = await api.get('/api/graph/neighbourhood').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return NeighbourhoodResponseSchema.parse(res.body);
  };

  it('GET /api/graph/neighbourhood gives a hub its country, employers with a site and based candidates', async () => {
    const body = await get({ id: 'oxford' });
    expect(body.center).toBe('hub:oxford');
    expect(body.truncated).toBe(false);
    expect(body.nodes.map((n) => n.key).sort()).toEqual(
      [
        'hub:oxford',
        'country:GB',
        'employer:e-rad',
        'employer:e-path',
        'employer:e-auto',
        'employer:e-robo',
        'employer:e-uni',
        'candidate:c1',
        'candidate:c2',
        'candidate:c3',
        'candidate:c4',
        'candidate:c5',
      ].sort(),
    );
    expect(body.nodes.find((n) => n.key === 'candidate:c1')).toEqual({
      key: 'candidate:c1',
      id: 'c1',
      kind: 'candidate',
      label: 'Ada',
      props: { seniority: 'senior', segment: 'target-sector', passive: true, openToWork: false },
    });
    expect(body.links).toContainEqual({ source: 'candidate:c2', target: 'hub:oxford', type: 'BASED_IN', props: { distanceKm: 20 } });
    expect(body.links).toContainEqual({ source: 'employer:e-auto', target: 'hub:oxford', type: 'HAS_SITE', props: {} });
    expect(body.links).toHaveLength(11);
    expectWellFormed(body, 500);
  });

  it('GET /api/graph/neighbourhood caps the first hop and says it truncated', async () => {
    const body = await get({ id: 'oxford', limit: '3' });
    expect(body.truncated).toBe(true);
    expect(body.caps).toEqual({ firstHop: 2, perNode: 0, total: 3 });
    // Structure first: the country, then (of the employers the capped read returned) one site.
    expect(body.nodes.map((n) => n.key).slice(0, 2)).toEqual(['hub:oxford', 'country:GB']);
    expect(body.nodes[2]!.kind).toBe('employer');
    expectWellFormed(body, 3);

    // Relationship types take turns: the hub's country, a site, a based candidate.
    const mixed = await get({ id: 'oxford', limit: '4' });
    expect(mixed.nodes.map((n) => n.kind)).toEqual(['hub', 'country', 'employer', 'candidate']);
    expect(mixed.truncated).toBe(true);

    // limit counts the centre: at 1 only the centre is left, and the neighbours it leaves out are said to be.
    for (const depth of ['1', '2']) {
      const alone = await get({ id: 'munich', depth, limit: '1' });
      expect(alone.nodes.map((n) => n.key)).toEqual(['hub:munich']);
      expect(alone.truncated).toBe(true);
      const pair = await get({ id: 'munich', depth, limit: '2' });
      expect(pair.nodes).toHaveLength(2);
      expect(pair.truncated).toBe(true);
    }

    const skill = await get({ id: 'python', limit: '11' });
    expect(skill.nodes).toHaveLength(11);
    expect(skill.truncated).toBe(true);
  });

  it('GET /api/graph/neighbourhood expands two hops within the total cap', async () => {
    const body = await get({ id: 'c2', depth: '2', limit: '40' });
    expect(body.depth).toBe(2);
    const keys = body.nodes.map((n) => n.key);
    for (const first of ['employer:e-auto', 'employer:e-robo', 'hub:oxford', 'skill:seg', 'skill:pytorch']) expect(keys).toContain(first);
    // Second hop: AutoDrive's sector and Gus (who used to work there).
    expect(keys).toContain('sector:automotive');
    expect(keys).toContain('candidate:c7');
    expectWellFormed(body, 40);

    // Half the room goes to the first hop, the rest is shared out among its nodes.
    const small = await get({ id: 'c2', depth: '2', limit: '8' });
    expect(small.caps).toEqual({ firstHop: 3, perNode: 1, total: 8 });
    expect(small.nodes.length).toBeGreaterThan(4);
    expect(small.truncated).toBe(true);
    expectWellFormed(small, 8);
  });

  it('GET /api/graph/neighbourhood stays under 500 kB at the largest limit', async () => {
    const res = await api.get('/api/graph/neighbourhood').query({ id: 'python', depth: '2', limit: '2000' });
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(res.text)).toBeLessThan(500_000);
  });

  it('GET /api/graph/neighbourhood asks for a kind when an id names two nodes', async () => {
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'robotics' }), 400, 'query.kind');
    expect((await get({ id: 'robotics', kind: 'skill' })).center).toBe('skill:robotics');
    expect((await get({ id: 'robotics', kind: 'sector' })).center).toBe('sector:robotics');
  });

  it('GET /api/graph/neighbourhood rejects an unknown id, depth 3 and bad limits', async () => {
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'atlantis' }), 404, 'atlantis');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'oxford', kind: 'skill' }), 404, 'oxford');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'oxford', depth: '3' }), 400, 'query.depth');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'oxford', limit: '2001' }), 400, 'query.limit');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'oxford', limit: 'lots' }), 400, 'query.limit');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: ['oxford', 'london'] }), 400, 'query.id');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'x) RETURN n //' }), 400, 'query.id');
    expectError(await api.get('/api/graph/neighbourhood'), 400, 'query.id');
    expectError(await api.get('/api/graph/neighbourhood').query({ id: 'oxford', kind: 'planet' }), 400, 'query.kind');
  });
});
