import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { AuditPageSchema, DsarSchema, ErasureSchema, InformedSchema, NoticeDueSchema, RetentionReportSchema } from '../../server/schemas/privacy.schema.ts';
import { type Agent, agentsByRole } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { GraphSpecBuilder, date } from '../support/graph.ts';
import { expectError } from '../support/http.ts';
import { withoutAuditTrail } from '../support/openapi-requests.ts';
import { buildPrivacyWorld, graphTextSearch } from '../support/privacy.ts';

const NOW = new Date('2026-01-15T12:00:00Z');

function addPeople(g: GraphSpecBuilder): void {
  g.node('Candidate', {
      id: 'c-ana',
      name: 'Ana Lindqvist',
      email: 'ana@example.org',
      emailKey: 'ana@example.org',
      profileUrl: 'https://example.org/in/ana',
      profileKey: 'example.org/in/ana',
      sources: ['linkedin'],
      lawfulBasis: 'legitimate-interest',
      obtainedAt: date('2025-12-01'),
    })
    .node('Candidate', {
      id: 'c-bo',
      name: 'Bo Krantz',
      email: 'bo@example.org',
      emailKey: 'bo@example.org',
      sources: ['referral'],
      lawfulBasis: 'consent',
      obtainedAt: date('2026-01-02'),
    })
    .node('Candidate', { id: 'c-old', name: 'Old Record', emailKey: 'old@example.org', lawfulBasis: 'legitimate-interest', obtainedAt: date('2023-01-01') })
    .rel('c-ana', 'BASED_IN', 'amsterdam', { distanceKm: 2 })
    .rel('c-bo', 'BASED_IN', 'paris', { distanceKm: 3 })
    .rel('c-old', 'BASED_IN', 'munich', { distanceKm: 1 })
    .rel('c-ana', 'HAS_SKILL', 'pytorch', { evidence: ['job'] });
}

describe('privacy routes', () => {
  let db: Database;
  let app: Express;
  let as: Record<Role, Agent>;
  let names: Record<Role, string>;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db, clock: () => NOW, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
  });
  beforeEach(async () => {
    await buildPrivacyWorld(db, addPeople);
    as = await agentsByRole(app, db);
    names = Object.fromEntries(await Promise.all((['viewer', 'sourcer', 'admin'] as const).map(async (r) => [r, (await as[r].get('/api/me')).body.name as string]))) as Record<Role, string>;
  });
  afterAll(async () => {
    await db.close();
  });

  it('DELETE /api/candidates/:id erases for an admin, leaving nothing of the person; a sourcer and a viewer get 403, an unknown id 404', async () => {
    expectError(await as.viewer.delete('/api/candidates/c-ana'), 403, 'needs admin');
    expectError(await as.sourcer.delete('/api/candidates/c-ana'), 403, 'needs admin');
    const res = await as.admin.delete('/api/candidates/c-ana');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ErasureSchema.parse(res.body)).toMatchObject({ candidateId: 'c-ana', reason: 'request', relationships: 2, suppressedHashes: 2 });
    expect(await graphTextSearch(db, ['Lindqvist', 'ana@example.org', 'example.org/in/ana'])).toEqual([]);
    expectError(await as.admin.get('/api/candidates/c-ana'), 404);
    expectError(await as.admin.delete('/api/candidates/c-ana'), 404, 'c-ana');
    const trail = AuditPageSchema.parse((await as.admin.get('/api/audit?action=candidate.erase')).body);
    expect(trail.items).toEqual([expect.objectContaining({ actor: names.admin, candidateId: 'c-ana', origin: expect.stringMatching(/^http:/) })]);
  });

  it('GET /api/audit is for admins: a viewer and a sourcer get 403; an admin filters by actor, action, candidate and time and pages', async () => {
    await as.viewer.get('/api/candidates/c-ana').expect(200);
    await as.sourcer.get('/api/candidates/c-bo').expect(200);
    await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email' }).expect(200);
    expectError(await as.viewer.get('/api/audit'), 403, 'needs admin');
    expectError(await as.sourcer.get('/api/audit'), 403, 'needs admin');

    const views = AuditPageSchema.parse((await as.admin.get('/api/audit?action=candidate.view')).body);
    expect(views.items.map((e) => [e.actor, e.candidateId])).toEqual(
      expect.arrayContaining([
        [names.viewer, 'c-ana'],
        [names.sourcer, 'c-bo'],
      ]),
    );
    const byViewer = AuditPageSchema.parse((await as.admin.get(`/api/audit?actor=${encodeURIComponent(names.viewer)}`)).body);
    expect(byViewer.items.map((e) => e.action)).toEqual(['candidate.view']);
    const aboutBo = AuditPageSchema.parse((await as.admin.get('/api/audit?candidateId=c-bo')).body);
    expect(new Set(aboutBo.items.map((e) => e.action))).toEqual(new Set(['candidate.view', 'candidate.inform']));
    const future = AuditPageSchema.parse((await as.admin.get('/api/audit?from=2026-01-16T00:00:00Z')).body);
    expect(future.items).toEqual([]);

    // Pages of two walk the whole trail once, newest first.
    const all = AuditPageSchema.parse((await as.admin.get('/api/audit?limit=500')).body).items;
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = AuditPageSchema.parse((await as.admin.get(`/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body);
      walked.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    // The admin's own requests add token.use events as the walk goes; the events there at the start come back in order.
    expect(walked.filter((id) => all.some((e) => e.id === id))).toEqual(all.map((e) => e.id));

    expectError(await as.admin.get('/api/audit?action=launch'), 400, 'candidate.erase');
    expectError(await as.admin.get('/api/audit?cursor=not-ours'), 400, 'query.cursor');
    expectError(await as.admin.get('/api/audit?from=yesterday'), 400, 'query.from');
  });

  it('GET /api/candidates/:id/dsar gives an admin everything held on the person as a JSON download; a sourcer gets 403', async () => {
    expectError(await as.sourcer.get('/api/candidates/c-ana/dsar'), 403, 'needs admin');
    const res = await as.admin.get('/api/candidates/c-ana/dsar');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="access-request-c-ana.json"');
    const dsar = DsarSchema.parse(res.body);
    expect(dsar).toMatchObject({
      candidateId: 'c-ana',
      contactDetails: { email: 'ana@example.org', profileUrl: 'https://example.org/in/ana' },
      provenance: { sources: ['linkedin'], lawfulBasis: 'legitimate-interest', obtainedAt: '2025-12-01', notice: { status: 'overdue', dueBy: '2026-01-01' } },
      hubs: [{ hubId: 'amsterdam', countryCode: 'NL' }],
      skills: [{ skillId: 'pytorch', properties: { evidence: ['job'] } }],
    });
    expect(JSON.stringify(dsar)).not.toMatch(/Bo Krantz|bo@example|c-bo|Old Record/);
    expectError(await as.admin.get('/api/candidates/nobody/dsar'), 404);
  });

  it('GET /api/privacy/due lists the uninformed overdue first for a sourcer; POST /api/candidates/:id/informed records when and how', async () => {
    expectError(await as.viewer.get('/api/privacy/due'), 403, 'needs sourcer');
    const due = NoticeDueSchema.parse((await as.sourcer.get('/api/privacy/due')).body);
    expect(due).toMatchObject({ today: '2026-01-15', due: 3, overdue: 2 });
    expect(due.items.map((i) => [i.id, i.notice.status, i.notice.dueBy])).toEqual([
      ['c-old', 'overdue', '2023-02-01'],
      ['c-ana', 'overdue', '2026-01-01'],
      ['c-bo', 'due', '2026-02-02'],
    ]);
    const informed = await as.sourcer.post('/api/candidates/c-ana/informed').send({ how: 'letter', at: '2026-01-10T09:00:00+01:00' });
    expect(informed.status, JSON.stringify(informed.body)).toBe(200);
    expect(InformedSchema.parse(informed.body)).toMatchObject({ id: 'c-ana', informedAt: '2026-01-10T08:00:00Z', informedHow: 'letter' });
    const profile = await as.sourcer.get('/api/candidates/c-ana');
    expect(profile.body).toMatchObject({ informedAt: '2026-01-10T08:00:00Z', informedHow: 'letter', lastContactAt: '2026-01-10T08:00:00Z', notice: { status: 'informed' } });
    expect(NoticeDueSchema.parse((await as.sourcer.get('/api/privacy/due')).body)).toMatchObject({ due: 2, overdue: 1 });
    expectError(await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'carrier pigeon' }), 400, 'body.how');
    expectError(await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email', at: '2026-02-01T00:00:00Z' }), 400, 'future');
    expectError(await as.sourcer.post('/api/candidates/nobody/informed').send({ how: 'email' }), 404);
    expectError(await as.viewer.post('/api/candidates/c-bo/informed').send({ how: 'email' }), 403, 'needs sourcer');
  });

  it('POST /api/candidates/:id/informed refuses a date before the data was obtained or in the future, naming body.at', async () => {
    const before = (await as.sourcer.get('/api/candidates/c-bo')).body;
    for (const at of ['0000-01-01T00:00:00Z', '1900-06-01T00:00:00Z', '2025-12-31T23:59:59Z', '2026-01-02T00:30:00+01:00']) {
      const res = await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email', at });
      expectError(res, 400, 'body.at');
      expect(res.body.error.message, at).toContain('before the data was obtained (2026-01-02)');
    }
    for (const at of ['2026-01-15T12:06:00Z', '2027-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      const res = await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email', at });
      expectError(res, 400, 'body.at');
      expect(res.body.error.message, at).toContain('in the future');
    }
    // Nothing was recorded, and the notice deadline still counts from the real dates.
    const after = (await as.sourcer.get('/api/candidates/c-bo')).body;
    expect(after).toMatchObject({ informedAt: null, firstContactAt: before.firstContactAt, notice: before.notice });

    // The day the data was obtained is the earliest accepted; a clock a little ahead is recorded as now.
    const first = await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email', at: '2026-01-02T00:00:00Z' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const ahead = await as.sourcer.post('/api/candidates/c-ana/informed').send({ how: 'email', at: '2026-01-15T12:02:00Z' });
    expect(ahead.status, JSON.stringify(ahead.body)).toBe(200);
    expect(ahead.body.informedAt).toBe('2026-01-15T12:00:00Z');
  });

  it('POST /api/candidates/:id/informed refused (unknown candidate, date before obtained) leaves the graph and its change marks as they were', async () => {
    const marks = async () => db.read('MATCH (d:DataVersion) RETURN d.id AS id, d.value AS value ORDER BY id');
    const before = { counts: withoutAuditTrail(await countByLabelAndType(db)), marks: await marks() };
    expectError(await as.sourcer.post('/api/candidates/nobody/informed').send({ how: 'email' }), 404, 'params.id');
    expectError(await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email', at: '2025-12-31T00:00:00Z' }), 400, 'body.at');
    expect({ counts: withoutAuditTrail(await countByLabelAndType(db)), marks: await marks() }).toEqual(before);
    // A notice recorded moves the marks, naming only that person in the talent log.
    await as.sourcer.post('/api/candidates/c-bo/informed').send({ how: 'email' }).expect(200);
    expect(await marks()).not.toEqual(before.marks);
    const [logged] = await db.read('MATCH (t:TalentChange) RETURN t.candidates AS candidates ORDER BY t.seq DESC LIMIT 1');
    expect(logged?.candidates).toEqual(['c-bo']);
  });

  it("a cursor the statement cannot read (another endpoint's, an impossible date) is a 400 naming query.cursor, not a 500", async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    await as.sourcer.get('/api/candidates/c-bo').expect(200);
    await as.sourcer.get('/api/candidates/c-ana').expect(200);
    const auditCursor = (await as.admin.get('/api/audit?limit=1')).body.nextCursor as string;
    const dueCursor = (await as.sourcer.get('/api/privacy/due?limit=1')).body.nextCursor as string;
    expect(auditCursor).toEqual(expect.any(String));
    expect(dueCursor).toEqual(expect.any(String));
    for (const bad of [auditCursor, cursor(['2026-02-30', 'c-bo']), cursor(['26-01-01', 'c-bo'])]) {
      expectError(await as.sourcer.get(`/api/privacy/due?cursor=${bad}`), 400, 'query.cursor');
    }
    for (const bad of [dueCursor, cursor(['1', 'x']), cursor(['2026-02-30T00:00:00Z', 'x']), cursor(['2026-01-01T25:00:00Z', 'x'])]) {
      expectError(await as.admin.get(`/api/audit?cursor=${bad}`), 400, 'query.cursor');
    }
    expect((await as.sourcer.get(`/api/privacy/due?limit=1&cursor=${dueCursor}`)).status).toBe(200);
    expect((await as.admin.get(`/api/audit?limit=1&cursor=${auditCursor}`)).status).toBe(200);
  });

  it('POST /api/candidates/:id/informed bounds the date from below when the record has no obtainedAt', async () => {
    await db.write("CREATE (:Candidate {id: 'c-undated', name: 'No Date'})");
    for (const at of ['0000-01-01T00:00:00Z', '1900-01-01T00:00:00Z', '1995-10-23T23:59:59Z']) {
      const res = await as.sourcer.post('/api/candidates/c-undated/informed').send({ how: 'email', at });
      expectError(res, 400, 'body.at');
      expect(res.body.error.message, at).toContain('before 1995-10-24');
    }
    const res = await as.sourcer.post('/api/candidates/c-undated/informed').send({ how: 'email', at: '2024-03-01T10:00:00Z' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ informedAt: '2024-03-01T10:00:00Z', firstContactAt: '2024-03-01T10:00:00Z' });
  });

  it('GET /api/privacy/retention lists who is past their period and POST erases them, for admins only', async () => {
    expectError(await as.sourcer.get('/api/privacy/retention'), 403, 'needs admin');
    expectError(await as.sourcer.post('/api/privacy/retention'), 403, 'needs admin');
    const dry = RetentionReportSchema.parse((await as.admin.get('/api/privacy/retention')).body);
    expect(dry).toMatchObject({ applied: false, erased: [] });
    // Munich takes the default 24 months; Amsterdam the Dutch regulator's 4 weeks; Paris (consent) the CNIL's 2 years.
    expect(dry.candidates.map((c) => [c.id, c.country, c.expiresOn, c.policy.authority])).toEqual([
      ['c-old', 'DE', '2025-01-01', 'installation default'],
      ['c-ana', 'NL', '2025-12-29', 'Autoriteit Persoonsgegevens'],
    ]);
    // A body this request does not take is refused, and nobody is erased by it.
    expectError(await as.admin.post('/api/privacy/retention').send({ days: 30 }), 400, 'takes no body');
    expect((await as.admin.get('/api/candidates/c-old')).status).toBe(200);
    const applied = RetentionReportSchema.parse((await as.admin.post('/api/privacy/retention')).body);
    expect(applied.erased.map((e) => e.candidateId)).toEqual(['c-old', 'c-ana']);
    expectError(await as.admin.get('/api/candidates/c-old'), 404);
  });

  it('POST /api/import refuses an erased person with 422, the row counted as suppressed, and records the signed-in user', async () => {
    await as.admin.delete('/api/candidates/c-ana').expect(200);
    const csv = 'name,email,source,lawful_basis\nAna L.,ANA@example.org,linkedin,consent\nNew Person,new@example.org,referral,consent\n';
    const res = await as.sourcer.post('/api/import').set('Content-Type', 'text/csv').send(csv);
    expectError(res, 422, 'erased on request (suppression list)');
    expect(res.body.error.details.rows).toMatchObject({ read: 2, created: 1, rejected: 1, suppressed: 1 });
    const [event] = AuditPageSchema.parse((await as.admin.get('/api/audit?action=import.run')).body).items;
    expect(event).toMatchObject({ actor: names.sourcer, created: 1, suppressed: 1 });
  });
});
