import type { Express } from 'express';
import { type Agent, authedAgent } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { EmployerDetailSchema, EmployersResponseSchema } from '../../server/schemas/employers.schema.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

describe('employers routes', () => {
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

  const list = async (query: Record<string, string>) => {
    const res = await api.get('/api/employers').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return EmployersResponseSchema.parse(res.body);
  };

  it('GET /api/employers lists a hub’s employers, largest current headcount first', async () => {
    const body = await list({ hub: 'oxford' });
    expect(body.total).toBe(5);
    expect(body.items.map((e) => [e.id, e.people])).toEqual([
      ['e-path', 5],
      ['e-rad', 3],
      ['e-auto', 1],
      ['e-robo', 1],
      ['e-uni', 1],
    ]);
    expect(body.items[0]).toMatchObject({
      name: 'PathCo',
      kind: 'company',
      sectors: [{ id: 'pathology', name: 'Digital pathology', target: true }],
      sites: [{ id: 'london', name: 'London' }, { id: 'oxford', name: 'Oxford' }],
    });
  });

  it('GET /api/employers filters by sector and hub together, and caps the list', async () => {
    expect((await list({ sector: 'radiology' })).items.map((e) => e.id)).toEqual(['e-rad']);
    expect((await list({ hub: 'london', sector: 'fintech' })).items.map((e) => e.id)).toEqual(['e-fin']);
    expect((await list({ hub: 'munich', sector: 'fintech' })).items).toEqual([]);
    const capped = await list({ limit: '2' });
    expect(capped.items).toHaveLength(2);
    expect(capped.total).toBe(6);
  });

  it('GET /api/employers/:id gives people by title and seniority, sectors, sites and alumni', async () => {
    const res = await api.get('/api/employers/e-auto');
    expect(res.status).toBe(200);
    const body = EmployerDetailSchema.parse(res.body);
    expect(body).toMatchObject({
      id: 'e-auto',
      name: 'AutoDrive',
      people: 1,
      alumni: 2,
      sectors: [{ id: 'automotive', target: false }],
      sites: [{ id: 'munich' }, { id: 'oxford' }],
      bySeniority: { junior: 0, mid: 0, senior: 1, lead: 0, unknown: 0 },
      byTitle: [{ title: 'Perception Engineer', seniority: 'senior', count: 1 }],
      members: [{ id: 'c2', name: 'Ben', title: 'Perception Engineer', seniority: 'senior', segment: 'adjacent-sector', since: '2016-01-01' }],
      membersTruncated: false,
    });
    const path = EmployerDetailSchema.parse((await api.get('/api/employers/e-path')).body);
    expect(path.members.map((m) => m.id)).toEqual(['c6', 'tw-a', 'tw-b', 'tw-c', 'c8']);
  });

  it('GET /api/employers rejects unknown hubs and sectors, and GET /api/employers/:id an unknown employer', async () => {
    expectError(await api.get('/api/employers').query({ hub: 'atlantis' }), 400, 'query.hub');
    expectError(await api.get('/api/employers').query({ sector: 'mining' }), 400, 'mining');
    expectError(await api.get('/api/employers').query({ limit: '-1' }), 400, 'query.limit');
    expectError(await api.get('/api/employers').query({ hub: ['oxford', 'london'] }), 400, 'query.hub');
    expectError(await api.get('/api/employers/e-none'), 404, 'e-none');
    expectError(await api.get('/api/employers/%22%3B%20DROP'), 400, 'params.id');
  });
});
