import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { FAILED_SIGN_INS_PER_MINUTE } from '../../server/middleware/rate-limit.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { type Agent, authedAgent, forgedToken as forged, tokenFor, withToken } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

const NO_LIMITS = { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 };

describe('security headers, CORS, body limits and rate limits', () => {
  let db: Database;
  let app: Express;
  let sourcer: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: NO_LIMITS } });
    sourcer = await authedAgent(app, db, 'sourcer');
  });
  afterAll(async () => {
    await db.close();
  });

  it('every answer carries helmet’s headers and a Content-Security-Policy without inline scripts or styles', async () => {
    for (const res of [await request(app).get('/api/health'), await request(app).get('/api/hubs'), await sourcer.get('/api/hubs')]) {
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('API answers are marked no-store and carry no ETag, errors included: personal data stays out of caches', async () => {
    for (const res of [await sourcer.get('/api/hubs'), await sourcer.get('/api/candidates/no-such-candidate'), await request(app).get('/api/hubs')]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it('CORS is closed by default: no Access-Control-Allow-Origin for another origin, and a preflight is not answered', async () => {
    const res = await sourcer.get('/api/hubs').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app).options('/api/hubs').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS answers only the origins configured', async () => {
    const open = createApp({ db, security: { corsOrigins: ['https://app.example'], rateLimits: NO_LIMITS } });
    const preflight = await request(open)
      .options('/api/hubs')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await request(open).options('/api/hubs').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a JSON body over 1 MB is refused with 413 and nothing is written', async () => {
    const before = await countByLabelAndType(db);
    const res = await sourcer.post('/api/saved-views').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x', url: `/map?${'a'.repeat(1_100_000)}` }));
    expectError(res, 413);
    expect(await countByLabelAndType(db)).toEqual(before);
  });

  it('errors are JSON without stack traces or driver text, even for malformed JSON and unknown paths', async () => {
    const malformed = await sourcer.post('/api/searches').set('Content-Type', 'application/json').send('{"title": ');
    expectError(malformed, 400, 'not valid JSON');
    expectError(await sourcer.get('/api/candidates/%E0%A4%A'), 400);
    expectError(await sourcer.get('/api/nowhere'), 404);
  });

  it('the API rate limit answers 429 with Retry-After once a token has used its budget, per token', async () => {
    const limited = createApp({ db, security: { rateLimits: { perMinute: 5, importPerMinute: 1, exportPerMinute: 1 } } });
    const a = withToken(limited, await tokenFor(db, 'viewer'));
    const b = withToken(limited, await tokenFor(db, 'viewer'));
    for (let i = 0; i < 5; i++) expect((await a.get('/api/taxonomy')).status).toBe(200);
    const refused = await a.get('/api/taxonomy');
    expectError(refused, 429, 'Too many requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await b.get('/api/taxonomy')).status).toBe(200);
  });

  it('an address whose tokens are refused 30 times in a minute must wait (429), before any more hashes are computed', async () => {
    const limited = createApp({ db, security: { rateLimits: { perMinute: 1000, importPerMinute: 10, exportPerMinute: 10 } } });
    for (let i = 0; i < FAILED_SIGN_INS_PER_MINUTE; i++) expectError(await request(limited).get('/api/hubs').set('Authorization', `Bearer ${forged(i)}`), 401);
    expectError(await request(limited).get('/api/hubs').set('Authorization', `Bearer ${forged(99)}`), 429, 'failed sign-ins');
  });

  it('imports have a stricter limit of their own', async () => {
    const limited = createApp({ db, security: { rateLimits: { perMinute: 100, importPerMinute: 1, exportPerMinute: 1 } } });
    const agent = withToken(limited, await tokenFor(db, 'sourcer'));
    const csv = 'name,email,source,lawful_basis\n';
    const first = await agent.post('/api/import?dryRun=true').set('Content-Type', 'text/csv').send(csv);
    expect(first.status).not.toBe(429);
    expectError(await agent.post('/api/import?dryRun=true').set('Content-Type', 'text/csv').send(csv), 429, 'Too many imports');
    expect((await agent.get('/api/taxonomy')).status).toBe(200);
  });
});
