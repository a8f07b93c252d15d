import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { EXPORT_COLUMNS } from '../../server/export/columns.ts';
import type { ExportRecord } from '../../server/schemas/lists.schema.ts';
import type { PoolResponse } from '../../server/schemas/pool.schema.ts';
import { listAuditEvents } from '../../server/services/audit.service.ts';
import { type Agent, authedAgent } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { graphEdits, hub } from '../support/graph-edits.ts';
import { expectError } from '../support/http.ts';

/** Collects a binary body (supertest only buffers text types by default). */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('/api/lists', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  let me: string;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await buildExplorerWorld(db);
    api = await authedAgent(app, db, 'sourcer');
    me = (await api.get('/api/me')).body.name;
  });

  async function createPoolList(body: Record<string, unknown> = {}): Promise<string> {
    const res = await api
      .post('/api/lists')
      .send({ kind: 'pool', name: 'Oxford – Zoë’s list', hubId: 'oxford', filters: {}, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  it('POST /api/lists saves a pool list and GET /api/lists and GET /api/lists/:id return it', async () => {
    const id = await createPoolList({ filters: { seniority: ['senior', 'lead'], passiveOnly: true }, profile: 'reachable' });
    const all = await api.get('/api/lists');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(1);
    const one = await api.get(`/api/lists/${id}`);
    expect(one.body).toMatchObject({
      id,
      kind: 'pool',
      hub: { id: 'oxford', name: 'Oxford' },
      filters: { seniority: ['senior', 'lead'], passiveOnly: true },
      profile: 'reachable',
      createdBy: me,
    });
  });

  it('POST /api/lists rejects a body without a hub, with an unknown kind or an unknown skill, naming the field', async () => {
    expectError(await api.post('/api/lists').send({ kind: 'pool', name: 'x' }), 400, 'body.hubId');
    expectError(await api.post('/api/lists').send({ kind: 'market', name: 'x', hubId: 'oxford' }), 400, 'body.kind');
    expectError(
      await api.post('/api/lists').send({ kind: 'pool', name: 'x', hubId: 'oxford', filters: { allSkills: ['telepathy'] } }),
      400,
      'telepathy',
    );
    expectError(await api.post('/api/lists').send({ kind: 'pool', name: '', hubId: 'oxford' }), 400, 'body.name');
  });

  it('POST /api/lists/:id/snapshots takes the week once: 201, then 200 with the same snapshot', async () => {
    const id = await createPoolList();
    const first = await api.post(`/api/lists/${id}/snapshots`).send({});
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ listId: id, week: '2026-W03', rows: 5, created: true });
    const again = await api.post(`/api/lists/${id}/snapshots`).send({ week: '2026-W03' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rows: 5, created: false, takenAt: first.body.takenAt });
  });

  it('POST /api/lists/:id/snapshots refuses a past or future week with 400 naming body.week, and records nothing', async () => {
    const id = await createPoolList();
    for (const week of ['2020-W53', '2026-W02', '2026-W04', '2026-W54']) {
      const res = await api.post(`/api/lists/${id}/snapshots`).send({ week });
      expectError(res, 400, 'body.week');
      expect(JSON.stringify(res.body.error), week).not.toContain('query.week');
    }
    expectError(await api.post(`/api/lists/${id}/snapshots`).send({ week: '2026-W02', replace: true }), 400, 'only this week (2026-W03)');
    expect((await api.get(`/api/lists/${id}`)).body.snapshots).toEqual([]);
  });

  it('GET /api/lists/:id/export?format=json has exactly the rows of GET /api/hubs/:hubId/pool for the same filters', async () => {
    const id = await createPoolList({ filters: { anySkills: ['seg', 'pytorch'], seniority: ['senior', 'mid'] }, radiusKm: 150, profile: 'balanced' });
    const exported = await api.get(`/api/lists/${id}/export`).query({ format: 'json' });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/json/);
    const pool = await api.get('/api/hubs/oxford/pool').query({ anySkills: 'seg,pytorch', seniority: 'senior,mid', radiusKm: '150', limit: 500 });
    const items = (pool.body as PoolResponse).items;
    const rows = exported.body as ExportRecord[];
    expect(rows.length).toBe((pool.body as PoolResponse).total);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => [r.id, r.name, r.score, r.change])).toEqual(items.map((c) => [c.id, c.name, c.score.total, 'new']));
    expect(rows.map((r) => r.movabilityFit)).toEqual(items.map((c) => c.score.terms.movability.value));
  });

  it('GET /api/lists/:id/export?format=csv streams a UTF-8 CSV with a BOM, a safe file name naming list and week, and the chosen delimiter', async () => {
    const id = await createPoolList();
    const res = await api.get(`/api/lists/${id}/export`).query({ format: 'csv', delimiter: 'semicolon' }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="list-oxford-zoe-s-list-2026-W03.csv"');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(body, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows.map((r) => r.name).sort()).toEqual(['Ada', 'Ben', 'Cai', 'Dee', 'Eve']);
    expect(rows.map((r) => r.rank)).toEqual(['1', '2', '3', '4', '5']);
    expect(Object.keys(rows[0]!)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
  });

  it('GET /api/lists/:id/export?format=xlsx is a workbook exceljs reads back, with tricky names intact and formula-like names neutralised', async () => {
    const g = new GraphSpecBuilder();
    const names = ['Zoë "Zed" Ødegård, PhD', 'Line one\nline two', '=HYPERLINK("http://evil.example","x")', '@risk'];
    names.forEach((name, i) => g.node('Candidate', { id: `t${i}`, name, seniority: 'senior', passive: true, openToWork: false }).rel(`t${i}`, 'BASED_IN', 'x-hub', { distanceKm: i }));
    g.node('Hub', { id: 'x-hub', name: 'Xanadu', catchmentKm: 50 });
    await g.write(db);
    const create = await api.post('/api/lists').send({ kind: 'pool', name: 'Tricky', hubId: 'x-hub' });
    const res = await api.get(`/api/lists/${create.body.id}/export`).query({ format: 'xlsx' }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="list-tricky-2026-W03.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('List')!;
    const nameColumn = EXPORT_COLUMNS.findIndex((c) => c.key === 'name') + 1;
    const read: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && read.push(row.getCell(nameColumn).value));
    expect(read.sort()).toEqual([names[0], names[1], `'${names[2]}`, `'${names[3]}`].sort());
    expect(workbook.getWorksheet('Dropped')).toBeDefined();
  });

  it('GET /api/lists/:id/export records who exported which list, week, format and how many rows — ids only', async () => {
    const id = await createPoolList();
    await api.get(`/api/lists/${id}/export`).query({ format: 'csv' });
    // The event (with the rows written) is recorded as the export ends, which may be just after the client has the last byte.
    let [event] = await listAuditEvents(db, { action: 'list.export', listId: id });
    for (let i = 0; i < 50 && !event; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [event] = await listAuditEvents(db, { action: 'list.export', listId: id });
    }
    expect(event).toMatchObject({ action: 'list.export', actor: me, role: 'sourcer', listId: id, week: '2026-W03', format: 'csv', rows: 5, complete: true });
    expect(JSON.stringify(event)).not.toMatch(/Ada|Ben|profiles|@/);
  });

  it('GET /api/lists/:id/export rejects an unknown list, a bad or future week, an unknown format, a week never taken, and a deleted hub', async () => {
    const id = await createPoolList();
    expectError(await api.get('/api/lists/no-such-list/export'), 404, 'no-such-list');
    expectError(await api.get(`/api/lists/${id}/export`).query({ week: '2026-48' }), 400, 'query.week');
    expectError(await api.get(`/api/lists/${id}/export`).query({ week: '2026-W54' }), 400, 'W01 to W53');
    expectError(await api.get(`/api/lists/${id}/export`).query({ week: '2026-W09' }), 400, 'future');
    expectError(await api.get(`/api/lists/${id}/export`).query({ format: 'pdf' }), 400, 'query.format');
    expectError(await api.get(`/api/lists/${id}/export`).query({ delimiter: '|' }), 400, 'query.delimiter');
    expectError(await api.get(`/api/lists/${id}/export`).query({ week: '2026-W01' }), 404, '2026-W01');
    await graphEdits.deleteNode(db, hub('oxford'));
    const gone = await api.get(`/api/lists/${id}/export`).query({ format: 'csv' });
    expectError(gone, 409, 'hub \\"oxford\\" no longer exists');
    expect(gone.headers['content-disposition']).toBeUndefined();
    expectError(await api.post(`/api/lists/${id}/snapshots`).send({}), 409, 'oxford');
  });
});
