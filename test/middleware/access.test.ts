import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { POLICY, type PolicyRow, expressPath } from '../../server/auth/policy.ts';
import { ROLES, type Role, hasRole } from '../../server/auth/roles.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { listAuditEvents } from '../../server/services/audit.service.ts';
import { revokeUserToken } from '../../server/services/users.service.ts';
import { type Agent, agentsByRole, tokenFor, withToken } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { expectError } from '../support/http.ts';

/** A concrete URL for a policy row: path parameters filled with ids of the explorer world. */
const EXAMPLE_PARAMS: Record<string, string> = { id: 'c1', hubId: 'oxford', candidateId: 'c1' };
function exampleUrl(row: PolicyRow): string {
  return expressPath(row.path).replace(/:(\w+)/g, (_m, name: string) => EXAMPLE_PARAMS[name] ?? 'x');
}

function send(agent: Agent | ReturnType<typeof request>, row: PolicyRow) {
  return (agent as unknown as Record<string, (url: string) => request.Test>)[row.method]!(exampleUrl(row));
}

describe('access control on /api', () => {
  let db: Database;
  let app: Express;
  let agents: Record<Role, Agent>;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    await new GraphSpecBuilder()
      .node('Candidate', { id: 'k1', name: 'Kim', email: 'kim@example.org', profileUrl: 'https://profiles.example/kim', seniority: 'mid', passive: true, openToWork: false })
      .write(db);
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    agents = await agentsByRole(app, db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('every /api route but GET /api/health answers 401 without a token, with a WWW-Authenticate challenge', async () => {
    for (const row of POLICY) {
      const res = await send(request(app), row);
      if (row.role === 'public') {
        expect(res.status, `${row.method} ${row.path}`).toBe(200);
        continue;
      }
      expectError(res, 401);
      expect(res.headers['www-authenticate'], `${row.method} ${row.path}`).toMatch(/^Bearer/);
    }
  });

  it('every route × role: a role below the row’s answers 403 naming the role needed, the others pass the gate', async () => {
    const seen: string[] = [];
    for (const row of POLICY.filter((r) => r.role !== 'public')) {
      for (const role of ROLES) {
        const res = await send(agents[role], row);
        const label = `${role} ${row.method.toUpperCase()} ${row.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        seen.push(label);
        expect(res.status, label).toBeLessThan(500);
        if (hasRole(role, row.role as Role)) {
          expect([401, 403], label).not.toContain(res.status);
        } else {
          expectError(res, 403, `needs ${row.role}`);
        }
      }
    }
    expect(seen.length).toBe((POLICY.length - 1) * ROLES.length);
  });

  it('GET /api/candidates/:id blanks e-mail and profile URL for a viewer and shows them to a sourcer and an admin', async () => {
    const asViewer = await agents.viewer.get('/api/candidates/k1');
    expect(asViewer.status).toBe(200);
    expect(asViewer.body).toMatchObject({ id: 'k1', name: 'Kim', email: null, profileUrl: null });
    expect(JSON.stringify(asViewer.body)).not.toMatch(/kim@example\.org|profiles\.example/);
    for (const role of ['sourcer', 'admin'] as const) {
      const res = await agents[role].get('/api/candidates/k1');
      expect(res.body).toMatchObject({ email: 'kim@example.org', profileUrl: 'https://profiles.example/kim' });
    }
  });

  it('GET /api/me names the token’s user and role', async () => {
    for (const role of ROLES) {
      const res = await agents[role].get('/api/me');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role, name: expect.stringContaining(role) });
    }
  });

  it('a malformed, unknown, wrongly signed or revoked token gets 401 and a well-formed one the same message whatever is wrong', async () => {
    const token = await tokenFor(db, 'sourcer');
    const [, id] = /^ta_([0-9a-f]{16})_/.exec(token)!;
    const wrongSecret = `ta_${id}_${'A'.repeat(43)}`;
    const unknownId = `ta_${'0'.repeat(16)}_${token.slice(-43)}`;
    for (const header of ['Bearer', 'Bearer ', 'Bearer nonsense', `Basic ${Buffer.from(`u:${token}`).toString('base64')}`, `Token ${token}`, `Bearer ${token}x`]) {
      expectError(await request(app).get('/api/hubs').set('Authorization', header), 401);
    }
    for (const bad of [wrongSecret, unknownId]) {
      expectError(await request(app).get('/api/hubs').set('Authorization', `Bearer ${bad}`), 401, 'unknown or revoked');
    }
    // A token in the query string is never read.
    expectError(await request(app).get(`/api/hubs?token=${token}`), 401);

    expect((await withToken(app, token).get('/api/hubs')).status).toBe(200);
    await revokeUserToken(db, id!, new Date());
    // Revoked outside this app (as `atlas token revoke` does): the cache keeps it at most ATLAS_TOKEN_CACHE_S.
    const uncached = createApp({ db, security: { tokenCacheMs: 0 } });
    expectError(await withToken(uncached, token).get('/api/hubs'), 401, 'unknown or revoked');
  });

  it('DELETE /api/tokens/:id revokes a token in this server at once, though it was cached', async () => {
    const token = await tokenFor(db, 'viewer');
    const id = /^ta_([0-9a-f]{16})_/.exec(token)![1]!;
    const agent = withToken(app, token);
    expect((await agent.get('/api/hubs')).status).toBe(200);
    const revoked = await agents.admin.delete(`/api/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, revokedAt: expect.any(String) });
    expectError(await agent.get('/api/hubs'), 401);
    const users = await agents.admin.get('/api/users');
    expect(users.body.tokens.find((t: { id: string }) => t.id === id)).toMatchObject({ revokedAt: expect.any(String) });
    expect(JSON.stringify(users.body)).not.toMatch(/hash|salt|ta_[0-9a-f]{16}_/);
  });

  it('an unknown /api route answers 401 without a token and 404 with one; case and trailing slashes reach the same row', async () => {
    expectError(await request(app).get('/api/nothing-here'), 401);
    expectError(await agents.admin.get('/api/nothing-here'), 404);
    expectError(await agents.admin.patch('/api/hubs'), 404);
    expectError(await agents.viewer.get('/api/users/'), 403);
    expectError(await agents.viewer.get('/API/USERS'), 403);
    expect((await agents.viewer.head('/api/hubs')).status).toBe(200);
  });

  it('HEAD on a row whose GET has effects answers 405 with Allow: GET and records nothing; HEAD elsewhere still answers', async () => {
    const effects = POLICY.filter((row) => row.effects);
    expect(effects.length).toBeGreaterThan(0);
    const recorded = async () => (await listAuditEvents(db, { limit: 1000 })).length;
    const before = await recorded();
    for (const row of effects) {
      expect(row.method, row.path).toBe('get');
      for (const agent of [agents.admin, request(app)]) {
        const res = await agent.head(exampleUrl(row));
        expect(res.status, row.path).toBe(405);
        expect(res.headers.allow, row.path).toBe('GET');
        expect(res.headers['content-type'], row.path).toMatch(/application\/json/);
      }
    }
    expect(await recorded()).toBe(before);
    for (const row of POLICY.filter((r) => r.method === 'get' && !r.effects && r.role === 'viewer' && !r.path.includes('{'))) {
      const res = await agents.viewer.head(exampleUrl(row));
      // Some need query parameters (400); none is refused for its method.
      expect([200, 400], row.path).toContain(res.status);
    }
  });

  it('a GET row is marked effects exactly when its GET records an audit event', async () => {
    const list = await agents.sourcer.post('/api/lists').send({ kind: 'pool', name: 'Effects', hubId: 'oxford', filters: {} });
    expect(list.status).toBe(201);
    const events = async () => (await listAuditEvents(db, { limit: 1000 })).filter((e) => e.action !== 'token.use').map((e) => e.id);
    const marked: string[] = [];
    for (const row of POLICY.filter((r) => r.method === 'get')) {
      // k1, not c1: c1 may have been erased by the role matrix above.
      const id = row.path.startsWith('/api/lists/') ? list.body.id : row.path.startsWith('/api/candidates/') ? 'k1' : undefined;
      const url = id ? expressPath(row.path).replace(':id', id) : exampleUrl(row);
      const before = await events();
      const res = await agents.admin.get(url);
      // (Some need query parameters and answer 400; the rows with effects are called in full.)
      expect(res.status, `${url} ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(row.effects ? 300 : 500);
      // An export's event is written as the file ends, which may be just after the client has it.
      let after = await events();
      for (let i = 0; i < 20 && row.effects && after.length === before.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await events();
      }
      if (after.some((id) => !before.includes(id))) marked.push(row.path);
    }
    expect(marked).toEqual(POLICY.filter((r) => r.effects).map((r) => r.path));
  });

  it('GET /api/lists/:id/export records the signed-in sourcer as the actor in the audit trail', async () => {
    const created = await agents.sourcer.post('/api/lists').send({ kind: 'pool', name: 'Audit me', hubId: 'oxford', filters: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const me = await agents.sourcer.get('/api/me');
    expect(created.body.createdBy).toBe(me.body.name);
    const exported = await agents.sourcer.get(`/api/lists/${created.body.id}/export?format=json`);
    expect(exported.status).toBe(200);
    // The event is written as the export ends, which may be just after the last byte reached the client.
    let events = await listAuditEvents(db, { action: 'list.export', listId: created.body.id });
    for (let i = 0; i < 50 && events.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await listAuditEvents(db, { action: 'list.export', listId: created.body.id });
    }
    expect(events[0]).toMatchObject({ actor: me.body.name, role: 'sourcer' });
  });
});
