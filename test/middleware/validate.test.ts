import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { QUERY_PARAMETER_LIMIT, parseQuery } from '../../server/middleware/validate.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { type Agent, agentsByRole } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';
import { withoutAuditTrail } from '../support/openapi-requests.ts';

type Details = { field: string; message: string }[];
const fields = (body: { error?: { details?: Details } }) => (body.error?.details ?? []).map((d) => d.field);

describe('request shape on every /api route', () => {
  let db: Database;
  let app: Express;
  let agents: Record<Role, Agent>;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    agents = await agentsByRole(app, db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('a route that declares no query parameters refuses any with 400 naming each, and does nothing', async () => {
    const before = withoutAuditTrail(await countByLabelAndType(db));
    const erase = await agents.admin.delete('/api/candidates/c1?dryRun=true');
    expectError(erase, 400, 'query.dryRun');
    expect(erase.body.error.details).toEqual([{ field: 'query.dryRun', message: 'this route takes no query parameters' }]);
    expect(withoutAuditTrail(await countByLabelAndType(db))).toEqual(before);
    expect((await agents.viewer.get('/api/candidates/c1')).status).toBe(200);

    const users = await agents.admin.get('/api/users?x=1&y[z]=2');
    expectError(users, 400);
    expect(fields(users.body)).toEqual(['query.x', 'query.y']);
    expectError(await agents.viewer.get('/api/taxonomy?x=1'), 400, 'query.x');
    expectError(await agents.admin.post('/api/privacy/retention?apply=false'), 400, 'query.apply');
    // The same routes without a query string, or with an empty one, still answer.
    expect((await agents.admin.get('/api/users')).status).toBe(200);
    expect((await agents.viewer.get('/api/taxonomy?')).status).toBe(200);
  });

  it('a route with a query schema still refuses unknown keys', async () => {
    const res = await agents.viewer.get('/api/hubs?unexpected=1');
    expectError(res, 400, 'unexpected');
  });

  it('an unknown query parameter or body field is named by its own path, once each, even when repeated', async () => {
    const pool = await agents.viewer.get('/api/hubs/oxford/pool?zzz=1&yyy[a]=2&zzz=3');
    expectError(pool, 400);
    expect(fields(pool.body).sort()).toEqual(['query.yyy', 'query.zzz']);
    expect(pool.body.error.details[0].message).toMatch(/not a query parameter/);
    const view = await agents.sourcer.post('/api/saved-views').send({ name: 'Extra', url: '/map', colour: 'red' });
    expectError(view, 400);
    expect(fields(view.body)).toEqual(['body.colour']);
    const list = await agents.sourcer.post('/api/lists').send({ kind: 'pool', name: 'Extra', hubId: 'oxford', filters: { colour: 'red' } });
    expect(fields(list.body)).toEqual(['body.filters.colour']);
  });

  it('a missing field is "required", not a JavaScript type', async () => {
    const res = await agents.sourcer.post('/api/saved-views').send({ name: 'No url' });
    expectError(res, 400);
    expect(res.body.error.details).toEqual([{ field: 'body.url', message: 'is required' }]);
    expect(res.body.error.message).toBe('Invalid body.url: is required');
    const paths = await agents.viewer.get('/api/paths?from=tm1');
    expect(paths.body.error.details).toEqual([{ field: 'query.to', message: 'is required' }]);
    expect(JSON.stringify(paths.body)).not.toMatch(/undefined/);
  });

  it('a non-empty body that is not JSON is refused with 415 naming the body and its type, and nothing is erased', async () => {
    const before = withoutAuditTrail(await countByLabelAndType(db));
    const retention = await agents.admin.post('/api/privacy/retention').set('Content-Type', 'text/plain').send('dryRun=true');
    expectError(retention, 415, 'text/plain');
    expect(retention.body.error.code).toBe('unsupported_media_type');
    expect(fields(retention.body)).toEqual(['body']);
    expect(withoutAuditTrail(await countByLabelAndType(db))).toEqual(before);

    expectError(await agents.viewer.get('/api/hubs').set('Content-Type', 'text/plain').send('{"days": 30}'), 415, 'body');
    expectError(await agents.sourcer.post('/api/saved-views').type('form').send('name=x&url=%2F'), 415, 'application/x-www-form-urlencoded');
    expectError(await agents.sourcer.post('/api/lists').set('Content-Type', 'application/xml').send('<list/>'), 415, 'application/xml');
    const untyped = await agents.viewer.get('/api/taxonomy').set('Content-Length', '2').send(Buffer.from('{}'));
    expectError(untyped, 415, 'Content-Type');
  });

  it('a zero-length body of any type is no body; JSON bodies and imports are read as before', async () => {
    expect((await agents.viewer.get('/api/hubs').set('Content-Type', 'text/plain').send('')).status).toBe(200);
    expect((await agents.sourcer.post('/api/lists/nope/snapshots').set('Content-Type', 'text/plain').send('')).status).toBe(404);
    const json = await agents.sourcer.post('/api/saved-views').send({ name: 'Shape view', url: '/map?hub=oxford' });
    expect(json.status).toBe(201);
    const csv = await agents.sourcer.post('/api/import?dryRun=true').set('Content-Type', 'text/csv').send('name,email,source,lawful_basis\nAda Shape,ada.shape@example.org,referral,consent\n');
    expect(csv.status, JSON.stringify(csv.body)).toBe(200);
    expect(csv.body.dryRun).toBe(true);
  });

  it('a query string over the parameter limit is a 400 naming query, not a silent truncation', async () => {
    const over = await agents.viewer.get(`/api/hubs/oxford/pool?${'&'.repeat(QUERY_PARAMETER_LIMIT)}limit=99999`);
    expectError(over, 400, 'query');
    expect(fields(over.body)).toEqual(['query']);
    const many = Array.from({ length: QUERY_PARAMETER_LIMIT + 1 }, (_, i) => `p${i}=1`).join('&');
    expectError(await agents.viewer.get(`/api/taxonomy?${many}`), 400, `more than ${QUERY_PARAMETER_LIMIT} parameters`);
    // At the limit the last parameter is still read (and here refused for its value).
    const at = await agents.viewer.get(`/api/hubs/oxford/pool?${'&'.repeat(QUERY_PARAMETER_LIMIT - 1)}limit=99999`);
    expectError(at, 400, 'query.limit');
  });

  it('parseQuery parses as Express\'s extended parser does, up to the limit', () => {
    expect(parseQuery('a=1&b[c]=2&d=x&d=y')).toEqual({ a: '1', b: { c: '2' }, d: ['x', 'y'] });
    expect(parseQuery('')).toEqual({});
    expect(() => parseQuery('&'.repeat(QUERY_PARAMETER_LIMIT))).toThrow(/more than 1000 parameters/);
    expect(Object.keys(parseQuery(Array.from({ length: QUERY_PARAMETER_LIMIT }, (_, i) => `p${i}=1`).join('&')))).toHaveLength(QUERY_PARAMETER_LIMIT);
  });

  it('a query parameter named __proto__, which qs would leave out unseen, is a 400 naming it', async () => {
    for (const text of ['__proto__[passiveOnly]=true', 'sectors[__proto__]=x', '%5F%5Fproto%5F%5F=1']) expect(() => parseQuery(text), text).toThrow(/__proto__/);
    expect(parseQuery('proto=1&__proto=2&x[proto__]=3')).toEqual({ proto: '1', __proto: '2', x: { proto__: '3' } });
    const res = await agents.viewer.get('/api/hubs?passiveOnly=false&__proto__[passiveOnly]=true');
    expectError(res, 400);
    expect(res.body.error.details).toEqual([{ field: 'query.__proto__.passiveOnly', message: 'is a name no parameter may have (__proto__)' }]);
  });

  it('a scalar parameter given more than once gets one message wherever it occurs; list parameters still repeat', async () => {
    const cases: [Agent, string, string][] = [
      [agents.viewer, '/api/hubs/oxford/pool?limit=5&limit=6', 'query.limit'],
      [agents.viewer, '/api/hubs/oxford/pool?cursor=a&cursor=b', 'query.cursor'],
      [agents.sourcer, '/api/lists/l1/export?format=csv&format=xlsx', 'query.format'],
      [agents.sourcer, '/api/lists/l1/export?format=a&format=b', 'query.format'],
      [agents.admin, '/api/audit?limit=1&limit=1', 'query.limit'],
      [agents.viewer, '/api/employers?limit=5&limit=x&limit=7', 'query.limit'],
    ];
    for (const [agent, url, field] of cases) {
      const res = await agent.get(url);
      expectError(res, 400, field);
      expect(res.body.error.details, url).toContainEqual({ field, message: 'is given more than once; give it once' });
      expect(fields(res.body).filter((f) => f === field), url).toHaveLength(1);
    }
    // Another fault beside the repeated one is still named.
    const both = await agents.viewer.get('/api/hubs/oxford/pool?limit=5&limit=6&radiusKm=-1');
    expect(fields(both.body).sort()).toEqual(['query.limit', 'query.radiusKm']);
    expect((await agents.viewer.get('/api/hubs/oxford/pool?seniority=senior&seniority=mid')).status).toBe(200);
  });
});
