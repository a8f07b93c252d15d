import type { Express } from 'express';
import { type Agent, authedAgent } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { HubsResponseSchema, type PoolCandidate, PoolResponseSchema } from '../../server/schemas/pool.schema.ts';
import { RANKING_PROFILES } from '../../server/schemas/ranking.schema.ts';
import { testDatabase } from '../support/db.ts';
import { expectError } from '../support/http.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';

describe('hub map and pool routes', () => {
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

  const hubs = async (query: Record<string, string | string[]> = {}) => {
    const res = await api.get('/api/hubs').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return HubsResponseSchema.parse(res.body).hubs;
  };
  const pool = async (hubId: string, query: Record<string, string | string[]> = {}) => {
    const res = await api.get(`/api/hubs/${hubId}/pool`).query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PoolResponseSchema.parse(res.body);
  };

  it('GET /api/hubs counts every hub by segment and passive/active', async () => {
    const all = await hubs();
    expect(all.map((h) => h.id)).toEqual(['cambridge', 'london', 'munich', 'oxford']);
    const oxford = all.find((h) => h.id === 'oxford')!;
    expect(oxford).toMatchObject({ name: 'Oxford', countryCode: 'GB', countryName: 'United Kingdom', catchmentKm: 40 });
    expect(oxford.location).toEqual({ latitude: 51.752, longitude: -1.2577 });
    expect(oxford.counts).toEqual({
      total: 5,
      segments: { 'target-sector': 1, 'adjacent-sector': 2, academic: 1, other: 1 },
      passive: 2,
      active: 3,
    });
    expect(all.find((h) => h.id === 'munich')!.counts).toMatchObject({ total: 3, segments: { 'target-sector': 3 } });
  });

  it('GET /api/hubs counts equal the pool sizes under the same filters', async () => {
    const filters: Record<string, string | string[]>[] = [
      {},
      { anySkills: 'seg,pytorch' },
      { allSkills: ['seg', 'pytorch'] },
      { sectors: 'automotive' },
      { seniority: 'senior,lead' },
      { segment: 'adjacent-sector' },
      { passiveOnly: 'true' },
      { openToWork: 'true' },
      { anySkills: 'seg', passiveOnly: 'true', segment: 'target-sector,academic' },
    ];
    for (const filter of filters) {
      for (const hub of await hubs(filter)) {
        const page = await pool(hub.id, { ...filter, limit: '500' });
        expect(page.total, `${hub.id} ${JSON.stringify(filter)}`).toBe(hub.counts.total);
        expect(page.items).toHaveLength(hub.counts.total);
        const bySegment = Object.fromEntries(Object.keys(hub.counts.segments).map((s) => [s, page.items.filter((i) => i.segment === s).length]));
        expect(bySegment).toEqual(hub.counts.segments);
        expect(page.items.filter((i) => i.passive)).toHaveLength(hub.counts.passive);
      }
    }
  });

  it('GET /api/hubs/:hubId/pool ranks by fit with every score term worked out', async () => {
    const page = await pool('oxford', { anySkills: 'seg,pytorch' });
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(page.profile).toEqual(RANKING_PROFILES.balanced);
    expect(page.targetSeniority).toEqual(['senior', 'lead']);
    const [ada, ben, cai, dee] = page.items as [PoolCandidate, PoolCandidate, PoolCandidate, PoolCandidate];

    // Ada: seg by job (1) + PyTorch self-declared (0.5) of 2; a target sector; senior; at the hub; 4+ years in role and passive.
    expect(ada.score.terms.skills).toMatchObject({ value: 0.75, required: ['seg', 'pytorch'], missing: [] });
    expect(ada.score.terms.skills.matched).toEqual([
      { skillId: 'pytorch', name: 'PyTorch', evidence: ['self'], credit: 0.5 },
      { skillId: 'seg', name: 'Image segmentation', evidence: ['job'], credit: 1 },
    ]);
    expect(ada.score.terms.sector).toMatchObject({ value: 1, kind: 'target', employerId: 'e-rad', employerName: 'RadAI', sectorId: 'radiology' });
    expect(ada.score.terms.seniority).toMatchObject({ value: 1, seniority: 'senior' });
    expect(ada.score.terms.distance.value).toBeCloseTo(1, 6);
    expect(ada.score.terms.movability).toMatchObject({ value: 0.8, passive: true, openToWork: false });
    expect(ada.score.terms.movability.yearsInRole).toBeCloseTo(1475 / 365.25, 6);
    expect(ada.score.total).toBeCloseTo(0.8825, 4);

    // Ben: an adjacent sector earns its pivot weight, named with the employer that earned it.
    expect(ben.score.terms.skills.value).toBe(0.75);
    expect(ben.score.terms.sector).toMatchObject({
      value: 0.6,
      kind: 'adjacent',
      employerId: 'e-auto',
      employerName: 'AutoDrive',
      sectorId: 'automotive',
      sectorName: 'Automotive',
      targetSectorId: 'radiology',
    });
    expect(ben.score.terms.distance.distanceKm).toBeCloseTo(20, 0);
    expect(ben.score.terms.distance.value).toBeCloseTo(1 - ben.score.terms.distance.distanceKm! / 40, 6);
    expect(ben.score.terms.movability.value).toBe(1);

    // Cai: one of two skills; robotics pivots at 0.4; mid is one step from senior; two years in role, passive.
    expect(cai.score.terms.skills).toMatchObject({ value: 0.5, missing: ['seg'] });
    expect(cai.score.terms.sector).toMatchObject({ value: 0.4, kind: 'adjacent', sectorId: 'robotics' });
    expect(cai.score.terms.seniority.value).toBe(0.5);
    expect(cai.score.terms.movability.value).toBeCloseTo(0.6 * (745 / 365.25 / 4) + 0.2, 6);

    // Dee: no employer in any sector scores 0 and names none.
    expect(dee.score.terms.sector).toMatchObject({ value: 0, kind: 'none', employerId: null, sectorId: null });
    expect(dee.score.terms.seniority.value).toBe(1);
    expect(dee.score.terms.movability.value).toBe(0.6);

    for (const item of page.items) {
      const terms = Object.values(item.score.terms);
      const weights = terms.reduce((sum, t) => sum + t.weight, 0);
      expect(weights).toBeCloseTo(1, 9);
      for (const t of terms) expect(t.contribution).toBeCloseTo((t.weight * t.value) / weights, 9);
      expect(item.score.total).toBeCloseTo(terms.reduce((sum, t) => sum + t.contribution, 0), 5);
    }
  });

  it('GET /api/hubs/:hubId/pool applies another allow-listed profile and a target seniority', async () => {
    const page = await pool('oxford', { anySkills: 'seg,pytorch', profile: 'reachable', targetSeniority: 'mid' });
    expect(page.profile.name).toBe('reachable');
    const cai = page.items.find((i) => i.id === 'c3')!;
    expect(cai.score.terms.seniority).toMatchObject({ value: 1, target: ['mid'], weight: 0.1 });
    expect(page.items.find((i) => i.id === 'c4')!.score.terms.seniority.value).toBe(0);
  });

  it('GET /api/hubs/:hubId/pool widens the pool by radius through candidate locations', async () => {
    const base = await pool('oxford');
    expect(base.total).toBe(5);
    expect(base.items.every((i) => i.basedInHub)).toBe(true);
    const wide = await pool('oxford', { radiusKm: '100' });
    expect(wide.total).toBe(6);
    const fay = wide.items.find((i) => i.id === 'c6')!;
    expect(fay.basedInHub).toBe(false);
    expect(fay.score.terms.distance.distanceKm).toBeGreaterThan(80);
    expect(fay.score.terms.distance.scaleKm).toBe(100);
    expect((await pool('oxford', { radiusKm: '50' })).total).toBe(5);
  });

  it('GET /api/hubs/:hubId/pool orders ties by id and pages with a cursor', async () => {
    const first = await pool('cambridge', { limit: '2' });
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.id)).toEqual(['tw-a', 'tw-b']);
    expect(first.items[0]!.score.total).toBe(first.items[1]!.score.total);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await pool('cambridge', { limit: '2', cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual(['tw-c']);
    expect(second.total).toBe(3);
    expect(second.nextCursor).toBeNull();

    const ranked = await pool('oxford', { limit: '2', anySkills: 'seg,pytorch' });
    const rest = await pool('oxford', { limit: '2', anySkills: 'seg,pytorch', cursor: ranked.nextCursor! });
    expect([...ranked.items, ...rest.items].map((i) => i.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(rest.nextCursor).toBeNull();
  });

  it('GET /api/hubs/:hubId/pool refuses a cursor from another hub, filter, radius or profile with 400 naming query.cursor', async () => {
    const first = await pool('oxford', { limit: '2', anySkills: 'seg,pytorch' });
    const cursor = first.nextCursor!;
    // The same ranking accepts it, whatever the page size or the order its lists are written in.
    expect((await pool('oxford', { limit: '1', anySkills: 'pytorch,seg', cursor })).items.map((i) => i.id)).toEqual(['c3']);
    const elsewhere: [string, Record<string, string>][] = [
      ['munich', { anySkills: 'seg,pytorch' }],
      ['oxford', {}],
      ['oxford', { anySkills: 'seg' }],
      ['oxford', { anySkills: 'seg,pytorch', passiveOnly: 'true' }],
      ['oxford', { anySkills: 'seg,pytorch', radiusKm: '50' }],
      ['oxford', { anySkills: 'seg,pytorch', profile: 'reachable' }],
      ['oxford', { anySkills: 'seg,pytorch', targetSeniority: 'junior' }],
    ];
    for (const [hubId, query] of elsewhere) {
      const res = await api.get(`/api/hubs/${hubId}/pool`).query({ ...query, cursor });
      expectError(res, 400, 'query.cursor');
      expect(res.body.error.message, `${hubId} ${JSON.stringify(query)}`).toContain('this cursor belongs to another query');
    }
    // A made-up position, with no digest or with one of its own, is not resumed from.
    for (const forged of ['[0.5,"c-999999"]', '[0.5,"c-999999","AAAAAAAAAAAAAAAA"]']) {
      expectError(await api.get('/api/hubs/oxford/pool').query({ anySkills: 'seg,pytorch', cursor: Buffer.from(forged).toString('base64url') }), 400, 'query.cursor');
    }
  });

  it('GET /api/hubs/:hubId/pool returns an empty page for a filter nobody meets', async () => {
    const page = await pool('london', { sectors: 'robotics' });
    expect(page).toMatchObject({ total: 0, items: [], nextCursor: null });
  });

  it('GET /api/hubs/:hubId/pool rejects an unknown hub with 404 naming it', async () => {
    const res = await api.get('/api/hubs/atlantis/pool');
    expectError(res, 404, 'atlantis');
  });

  it('GET /api/hubs/:hubId/pool rejects an unknown skill or sector naming the field and value', async () => {
    expectError(await api.get('/api/hubs/oxford/pool').query({ allSkills: 'seg,cobol' }), 400, 'query.allSkills');
    expect((await api.get('/api/hubs/oxford/pool').query({ allSkills: 'seg,cobol' })).body.error.message).toContain('cobol');
    expectError(await api.get('/api/hubs/oxford/pool').query({ anySkills: 'cobol' }), 400, 'query.anySkills');
    expectError(await api.get('/api/hubs').query({ sectors: 'mining' }), 400, 'query.sectors');
  });

  it('GET /api/hubs/:hubId/pool rejects bad numbers, cursors, ids and shapes with 400 naming the field', async () => {
    const bad: [Record<string, string | string[]>, string][] = [
      [{ radiusKm: '0' }, 'query.radiusKm'],
      [{ radiusKm: '-5' }, 'query.radiusKm'],
      [{ radiusKm: '100000' }, 'query.radiusKm'],
      [{ radiusKm: 'far' }, 'query.radiusKm'],
      [{ limit: '501' }, 'query.limit'],
      [{ limit: '0' }, 'query.limit'],
      [{ limit: '2.5' }, 'query.limit'],
      [{ limit: 'ten' }, 'query.limit'],
      [{ limit: ['1', '2'] }, 'query.limit'],
      [{ cursor: 'not-a-cursor' }, 'query.cursor'],
      [{ cursor: Buffer.from('[2,"c1"]').toString('base64url') }, 'query.cursor'],
      [{ cursor: 'x'.repeat(600) }, 'query.cursor'],
      [{ allSkills: "seg') MATCH (n) DETACH DELETE n //" }, 'query.allSkills'],
      [{ anySkills: 'a'.repeat(200) }, 'query.anySkills'],
      [{ seniority: 'wizard' }, 'query.seniority'],
      [{ segment: 'healthcare' }, 'query.segment'],
      [{ passiveOnly: 'yes' }, 'query.passiveOnly'],
      [{ profile: 'secret-weights' }, 'query.profile'],
      [{ orderBy: 'name' }, 'orderBy'],
    ];
    for (const [query, field] of bad) {
      expectError(await api.get('/api/hubs/oxford/pool').query(query), 400, field);
    }
    // A number given twice, or not in plain digits, is named as such.
    expectError(await api.get('/api/hubs/oxford/pool?limit=1&limit=2'), 400, 'is given more than once');
    expectError(await api.get('/api/hubs/oxford/pool?radiusKm=1e3'), 400, 'plain digits');
    expectError(await api.get("/api/hubs/oxford'%20OR%201=1/pool"), 400, 'params.hubId');
    expectError(await api.get(`/api/hubs/${'h'.repeat(300)}/pool`), 400, 'params.hubId');
    expectError(await api.get('/api/hubs').query({ allSkills: { $ne: 'x' } as unknown as string }), 400, 'query.allSkills');
  });

  it('GET /api/hubs reflects a write at once (the cache keys on the data version)', async () => {
    const before = (await hubs()).find((h) => h.id === 'oxford')!.counts.total;
    const res = await api.get('/api/hubs');
    expect(res.status).toBe(200);
    await db.write("MATCH (c:Candidate {id: 'c5'})-[b:BASED_IN]->(:Hub {id: 'oxford'}) DELETE b");
    expect((await hubs()).find((h) => h.id === 'oxford')!.counts.total).toBe(before - 1);
    await buildExplorerWorld(db);
    api = await authedAgent(app, db, 'sourcer');
  });

  it('unknown API routes answer 404 JSON', async () => {
    expectError(await api.get('/api/nowhere'), 404);
    expectError(await api.post('/api/hubs'), 404);
  });
});
