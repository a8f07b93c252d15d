import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { FAILED_SIGN_INS_PER_MINUTE } from '../../server/middleware/rate-limit.ts';
import { forgedToken as forged, tokenFor, withToken } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

/** The failed sign-in limit: who it counts, whom it holds back, and which address it sees. */

const LIMITS = { perMinute: 1000, importPerMinute: 10, exportPerMinute: 10 };

describe('middleware/rate-limit', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('requests without a token are answered 401 and counted as no failed sign-in: they lock nobody out, nor /api/health', async () => {
    const app = createApp({ db, clock: () => TODAY, security: { rateLimits: LIMITS } });
    const viewer = withToken(app, await tokenFor(db, 'viewer'));
    for (let i = 0; i < FAILED_SIGN_INS_PER_MINUTE * 2; i++) expectError(await request(app).get('/api/hubs'), 401);
    expect((await request(app).get('/api/health')).status).toBe(200);
    expect((await viewer.get('/api/taxonomy')).status).toBe(200);
    // Refused tokens still count.
    for (let i = 0; i < FAILED_SIGN_INS_PER_MINUTE; i++) expectError(await request(app).get('/api/hubs').set('Authorization', `Bearer ${forged(i)}`), 401);
    expectError(await request(app).get('/api/hubs').set('Authorization', `Bearer ${forged(99)}`), 429, 'failed sign-ins');
  });

  it('a token verified lately keeps working while someone at the same address is held back for guessing; a new one waits', async () => {
    const app = createApp({ db, clock: () => TODAY, security: { rateLimits: LIMITS } });
    const signedIn = withToken(app, await tokenFor(db, 'viewer'));
    expect((await signedIn.get('/api/taxonomy')).status).toBe(200);
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE; i++) await request(app).get('/api/hubs').set('Authorization', `Bearer ${forged(i)}`);
    expectError(await request(app).get('/api/hubs').set('Authorization', `Bearer ${forged(7)}`), 429, 'failed sign-ins');
    expect((await signedIn.get('/api/taxonomy')).status).toBe(200);
    const fresh = withToken(app, await tokenFor(db, 'viewer'));
    expectError(await fresh.get('/api/taxonomy'), 429, 'failed sign-ins');
  });

  it('a burst of requests with a token not yet verified is one sign-in: they share its check and none is held back', async () => {
    const app = createApp({ db, clock: () => TODAY, security: { rateLimits: LIMITS } });
    const burst = withToken(app, await tokenFor(db, 'viewer'));
    const answers = await Promise.all(Array.from({ length: FAILED_SIGN_INS_PER_MINUTE * 2 }, () => burst.get('/api/taxonomy')));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    // Refused tokens from the address are still counted, one each.
    for (let i = 0; i < FAILED_SIGN_INS_PER_MINUTE; i++) expectError(await request(app).get('/api/hubs').set('Authorization', `Bearer ${forged(i)}`), 401);
    expectError(await request(app).get('/api/hubs').set('Authorization', `Bearer ${forged(99)}`), 429, 'failed sign-ins');
  });

  it('behind a trusted proxy each client is its own address (ATLAS_TRUST_PROXY); without it the proxy is one address for all', async () => {
    const guess = (app: ReturnType<typeof createApp>, client: string, i: number) =>
      request(app).get('/api/hubs').set('X-Forwarded-For', client).set('Authorization', `Bearer ${forged(i)}`);
    const trusting = createApp({ db, clock: () => TODAY, security: { rateLimits: LIMITS, trustProxy: 'loopback' } });
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE; i++) await guess(trusting, '203.0.113.7', i);
    expectError(await guess(trusting, '203.0.113.7', 1), 429, 'failed sign-ins');
    expectError(await guess(trusting, '198.51.100.9', 1), 401);

    const plain = createApp({ db, clock: () => TODAY, security: { rateLimits: LIMITS, trustProxy: false } });
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE; i++) await guess(plain, '203.0.113.7', i);
    expectError(await guess(plain, '198.51.100.9', 1), 429, 'failed sign-ins');
  });
});
