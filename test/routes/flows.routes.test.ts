import type { Express } from 'express';
import { type Agent, authedAgent } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { FlowsResponseSchema } from '../../server/schemas/flows.schema.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

describe('GET /api/flows', () => {
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

  const flows = async (query: Record<string, string>) => {
    const res = await api.get('/api/flows').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return FlowsResponseSchema.parse(res.body);
  };
  const pairs = (body: { flows: { from: { id: string }; to: { id: string }; moves: number }[] }) =>
    body.flows.map((f) => `${f.from.id}>${f.to.id}:${f.moves}`);

  it('GET /api/flows counts every move between employers over all time', async () => {
    const body = await flows({ by: 'employer' });
    expect(body).toMatchObject({ by: 'employer', hub: null, months: 'any', since: null, totalMoves: 4 });
    expect(pairs(body)).toEqual(['e-auto>e-path:1', 'e-auto>e-rad:1', 'e-robo>e-auto:1', 'e-robo>e-rad:1']);
  });

  it('GET /api/flows groups moves by sector, marking target sectors', async () => {
    const body = await flows({ by: 'sector' });
    expect(pairs(body)).toEqual(['automotive>pathology:1', 'automotive>radiology:1', 'robotics>automotive:1', 'robotics>radiology:1']);
    const intoRadiology = body.flows.find((f) => f.from.id === 'automotive' && f.to.id === 'radiology')!;
    expect(intoRadiology.to).toEqual({ id: 'radiology', name: 'Radiology AI', target: true });
    expect(intoRadiology.from.target).toBe(false);
  });

  it('GET /api/flows keeps only the moves inside the window', async () => {
    const year = await flows({ by: 'sector', months: '12' });
    expect(year.since).toBe('2025-01-15');
    expect(pairs(year)).toEqual(['automotive>pathology:1']);
    expect(pairs(await flows({ by: 'sector', months: '24' }))).toEqual(['automotive>pathology:1', 'robotics>radiology:1']);
    const five = await flows({ by: 'sector', months: '60' });
    expect(five.totalMoves).toBe(2);
  });

  it('GET /api/flows keeps the moves of people in one hub: which sectors feed the target in Munich', async () => {
    const munich = await flows({ by: 'sector', hub: 'munich' });
    expect(pairs(munich)).toEqual(['automotive>pathology:1', 'automotive>radiology:1', 'robotics>radiology:1']);
    expect(pairs(await flows({ by: 'employer', hub: 'oxford' }))).toEqual(['e-robo>e-auto:1']);
  });

  it('GET /api/flows caps the list but counts every move', async () => {
    const body = await flows({ by: 'employer', limit: '1' });
    expect(body.flows).toHaveLength(1);
    expect(body.totalMoves).toBe(4);
  });

  it('GET /api/flows rejects a bad grouping, window, hub or limit naming the field', async () => {
    expectError(await api.get('/api/flows').query({ by: 'country' }), 400, 'query.by');
    expectError(await api.get('/api/flows').query({ months: '0' }), 400, 'query.months');
    expectError(await api.get('/api/flows').query({ months: 'ever' }), 400, 'query.months');
    expectError(await api.get('/api/flows').query({ months: ['12', '24'] }), 400, 'query.months');
    expectError(await api.get('/api/flows').query({ hub: 'atlantis' }), 400, 'atlantis');
    expectError(await api.get('/api/flows').query({ hub: 'x'.repeat(500) }), 400, 'query.hub');
    expectError(await api.get('/api/flows').query({ limit: '501' }), 400, 'query.limit');
  });
});
