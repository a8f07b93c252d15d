import type { Express } from 'express';
import { type Agent, authedAgent } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { SalaryBandsResponseSchema } from '../../server/schemas/salary-bands.schema.ts';
import { testDatabase } from '../support/db.ts';
import { expectError } from '../support/http.ts';

describe('GET /api/salary-bands', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db });
    api = await authedAgent(app, db, 'sourcer');
  });
  afterAll(async () => {
    await db.close();
  });

  it('GET /api/salary-bands gives a country its pay region’s band per level', async () => {
    const res = await api.get('/api/salary-bands').query({ country: 'gb' });
    expect(res.status).toBe(200);
    const body = SalaryBandsResponseSchema.parse(res.body);
    expect(body.bands.map((b) => b.seniority)).toEqual(['junior', 'mid', 'senior', 'lead']);
    expect(body.bands.every((b) => b.country === 'GB' && b.region === 'uk' && b.currency === 'GBP')).toBe(true);
    expect(body.bands[0]!.base).toEqual({ min: 45_000, max: 65_000, openEnded: false });
    expect(body.bands[3]!.base.openEnded).toBe(true);
  });

  it('GET /api/salary-bands narrows to one level', async () => {
    const res = await api.get('/api/salary-bands').query({ country: 'DE', seniority: 'senior' });
    const body = SalaryBandsResponseSchema.parse(res.body);
    expect(body.bands).toHaveLength(1);
    expect(body.bands[0]).toMatchObject({ country: 'DE', region: 'eu', currency: 'EUR', base: { min: 105_000, max: 150_000 } });
    expect(body.bands[0]!.dayRate).toMatchObject({ min: 700, max: 1000 });
  });

  it('GET /api/salary-bands without a country lists every country', async () => {
    const body = SalaryBandsResponseSchema.parse((await api.get('/api/salary-bands')).body);
    expect(new Set(body.bands.map((b) => b.country)).size).toBeGreaterThan(3);
  });

  it('GET /api/salary-bands rejects an unknown country or level naming it', async () => {
    expectError(await api.get('/api/salary-bands').query({ country: 'XX' }), 400, 'XX');
    expectError(await api.get('/api/salary-bands').query({ country: 'GBR' }), 400, 'query.country');
    expectError(await api.get('/api/salary-bands').query({ seniority: 'wizard' }), 400, 'query.seniority');
    expectError(await api.get('/api/salary-bands').query({ country: ['GB', 'DE'] }), 400, 'query.country');
  });
});
