import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { listAuditEvents } from '../../server/services/audit.service.ts';
import { agentsByRole } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { expectError } from '../support/http.ts';
import { buildPrivacyWorld } from '../support/privacy.ts';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('auditAdminTokenUse', () => {
  let db: Database;
  let app: Express;
  beforeAll(async () => {
    db = await testDatabase();
    await buildPrivacyWorld(db);
    app = createApp({ db, clock: () => NOW, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
  });
  afterAll(async () => {
    await db.close();
  });

  it('auditAdminTokenUse records each request an admin token makes (who, token, method, path, from where) and none of other roles', async () => {
    const as = await agentsByRole(app, db);
    const admin = (await as.admin.get('/api/me')).body as { name: string };
    await as.sourcer.get('/api/hubs').expect(200);
    await as.viewer.get('/api/hubs').expect(200);
    await as.admin.get('/api/hubs?allSkills=pytorch').expect(200);
    expectError(await as.admin.get('/api/candidates/nobody'), 404);
    const uses = await listAuditEvents(db, { action: 'token.use' });
    expect(uses.map((e) => [e.actor, e.method, e.path])).toEqual(
      expect.arrayContaining([
        [admin.name, 'GET', '/api/me'],
        [admin.name, 'GET', '/api/hubs'],
        [admin.name, 'GET', '/api/candidates/nobody'],
      ]),
    );
    expect(uses).toHaveLength(3);
    expect(uses.every((e) => e.at === '2026-01-15T12:00:00Z' && /^[0-9a-f]{16}$/.test(String(e.tokenId)) && String(e.origin).startsWith('http:'))).toBe(true);
    // The query string (search text, filters) is left out.
    expect(JSON.stringify(uses)).not.toContain('pytorch');
  });

  it('auditAdminTokenUse records nothing for a request the access check refused, such as one to no route', async () => {
    const as = await agentsByRole(app, db);
    const before = (await listAuditEvents(db, { action: 'token.use' })).length;
    expectError(await as.admin.get('/api/nothing-here'), 404);
    expectError(await as.sourcer.get('/api/audit'), 403);
    expect((await listAuditEvents(db, { action: 'token.use' })).length).toBe(before);
  });
});
