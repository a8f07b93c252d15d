import type { Express } from 'express';
import { type Agent, authedAgent, useWorld } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { PathsResponseSchema, type WarmPath } from '../../server/schemas/paths.schema.ts';
import { testDatabase } from '../support/db.ts';
import { date } from '../support/graph.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

const people = (p: WarmPath) => [p.links[0]!.from.id, ...p.links.map((l) => l.to.id)].join('>');

describe('GET /api/paths', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY });
    api = await authedAgent(app, db, 'sourcer');
  });
  afterAll(async () => {
    await db.close();
  });

  const paths = async (query: Record<string, string>) => {
    const res = await api.get('/api/paths').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PathsResponseSchema.parse(res.body);
  };

  it('GET /api/paths finds the known warm paths and ranks them by strength and recency', async () => {
    const body = await paths({ from: 'tm1', to: 'c1', limit: '20' });
    expect(body.from).toEqual({ id: 'tm1', name: 'Tess' });
    expect(body.to).toEqual({ id: 'c1', name: 'Ada' });

    // Best: Tess co-wrote a 2025 paper with Ivy, who has sat beside Ada at RadAI since June 2024.
    const [best, tied, viaGus] = body.paths as [WarmPath, WarmPath, WarmPath];
    expect(people(best)).toBe('tm1>c9>c1');
    expect(best.hops).toBe(2);
    const [paper, desk] = best.links as [WarmPath['links'][number], WarmPath['links'][number]];
    expect(paper.via).toEqual({ kind: 'coauthor', publication: { id: 'pub2', title: 'Field notes on recruiting', year: 2025 } });
    expect(paper.strength).toBe(1);
    expect(paper.recency).toBeCloseTo(0.5 ** (15 / 365.25 / 5), 4);
    expect(desk.via).toEqual({
      kind: 'colleague',
      employer: { id: 'e-rad', name: 'RadAI' },
      overlapFrom: '2024-06-01',
      overlapTo: '2026-01-15',
      overlapMonths: 19,
    });
    expect(desk.strength).toBeCloseTo(593 / 730, 4);
    expect(desk.recency).toBe(1);
    expect(best.score).toBeCloseTo(paper.score * desk.score, 4);

    // The same first link, then Ivy→Gus (RadAI) and Gus→Ada (RadAI) score the same; the shorter chain ranks first.
    expect(people(tied)).toBe('tm1>c9>c7>c1');
    expect(tied.score).toBeCloseTo(best.score, 4);

    // Tess and Gus overlapped at AutoDrive until the end of 2017: strong but eight years old.
    expect(people(viaGus)).toBe('tm1>c7>c1');
    expect(viaGus.links[0]!.via).toMatchObject({ kind: 'colleague', employer: { id: 'e-auto' }, overlapFrom: '2015-01-01', overlapTo: '2017-12-31' });
    expect(viaGus.score).toBeCloseTo(0.5 ** ((Date.UTC(2026, 0, 15) - Date.UTC(2017, 11, 31)) / 86_400_000 / 365.25 / 5), 4);

    for (let i = 1; i < body.paths.length; i++) expect(body.paths[i - 1]!.score).toBeGreaterThanOrEqual(body.paths[i]!.score);
    for (const path of body.paths) {
      expect(path.hops).toBeLessThanOrEqual(3);
      const chain = [path.links[0]!.from.id, ...path.links.map((l) => l.to.id)];
      expect(new Set(chain).size).toBe(chain.length);
      const keys = new Set(path.path.nodes.map((n) => n.key));
      for (const link of path.path.links) expect(keys.has(link.source) && keys.has(link.target)).toBe(true);
    }
    expect(body.paths.map(people)).toContain('tm1>c8>c7>c1');
  });

  it('GET /api/paths returns the best few by default', async () => {
    expect((await paths({ from: 'tm1', to: 'c1' })).paths).toHaveLength(5);
    expect((await paths({ from: 'tm1', to: 'c1', limit: '1' })).paths.map(people)).toEqual(['tm1>c9>c1']);
  });

  it('GET /api/paths finds no path for a team member with no shared history', async () => {
    expect((await paths({ from: 'tm2', to: 'c1' })).paths).toEqual([]);
  });

  it('GET /api/paths rejects unknown people with 404 and bad ids with 400', async () => {
    expectError(await api.get('/api/paths').query({ from: 'tm9', to: 'c1' }), 404, 'tm9');
    expectError(await api.get('/api/paths').query({ from: 'c2', to: 'c1' }), 404, 'team member');
    expectError(await api.get('/api/paths').query({ from: 'tm1', to: 'nobody' }), 404, 'nobody');
    expectError(await api.get('/api/paths').query({ from: 'tm1' }), 400, 'query.to');
    expectError(await api.get('/api/paths').query({ from: "tm1' OR '1'='1", to: 'c1' }), 400, 'query.from');
    expectError(await api.get('/api/paths').query({ from: 'tm1', to: 'c1', limit: '21' }), 400, 'query.limit');
    expectError(await api.get('/api/paths').query({ from: ['tm1', 'tm2'], to: 'c1' }), 400, 'query.from');
  });
});

describe('GET /api/paths with past jobs that have no end date', () => {
  // Tara has worked at FinBank since 2020. Three people left FinBank on a day nobody wrote down:
  // Olaf before she came (his next job began in 2013), Rita while she was there (her next job
  // began on 2022-07-01), and Una, whose later career is unknown.
  const world = useWorld(
    (db) =>
      buildExplorerWorld(db, (g) => {
        g.node('TeamMember', { id: 'tm3', name: 'Tara' }).rel('tm3', 'WORKS_AT', 'e-fin', { title: 'Partner', since: date('2020-01-01') });
        g.node('Candidate', { id: 'c20', name: 'Olaf' })
          .rel('c20', 'WORKED_AT', 'e-fin', { title: 'Analyst', from: date('2010-01-01') })
          .rel('c20', 'WORKS_AT', 'e-robo', { title: 'Engineer', since: date('2013-01-01') });
        g.node('Candidate', { id: 'c21', name: 'Rita' })
          .rel('c21', 'WORKED_AT', 'e-fin', { title: 'Analyst', from: date('2019-01-01') })
          .rel('c21', 'WORKS_AT', 'e-rad', { title: 'Engineer', since: date('2022-07-01') });
        g.node('Candidate', { id: 'c22', name: 'Una' }).rel('c22', 'WORKED_AT', 'e-fin', { title: 'Analyst', from: date('2018-01-01') });
      }),
    () => TODAY,
  );

  const paths = async (to: string) => {
    const res = await world.api.get('/api/paths').query({ from: 'tm3', to, limit: '20' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PathsResponseSchema.parse(res.body).paths;
  };

  it('GET /api/paths ends a past job with no end date where the next job began, not today', async () => {
    const [direct] = await paths('c21');
    expect(people(direct!)).toBe('tm3>c21');
    expect(direct!.links[0]!.via).toMatchObject({ kind: 'colleague', employer: { id: 'e-fin' }, overlapFrom: '2020-01-01', overlapTo: '2022-07-01', overlapMonths: 29 });
  });

  it('GET /api/paths does not make someone who left before a team member came their colleague', async () => {
    const found = await paths('c20');
    expect(found.some((p) => p.hops === 1), found.map(people).join(', ')).toBe(false);
    // Still reachable: Rita overlapped Tara, then Ivy at RadAI, who overlapped Olaf at RoboWorks.
    expect(found.map(people)).toContain('tm3>c21>c9>c20');
  });

  it('GET /api/paths claims no overlap for a past job whose end is unknown and which no later job bounds', async () => {
    expect(await paths('c22')).toEqual([]);
  });
});
