import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import type { Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { ImportSummarySchema } from '../../server/services/import.service.ts';
import { type Agent, authedAgent } from '../support/app.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { expectError } from '../support/http.ts';
import { CSV_HEADER, candidateDump, csvToXlsx, encodeIn, writeImportWorld } from '../support/import.ts';

const sample = (file: string) => readFileSync(path.join(PROJECT_ROOT, 'fixtures', file));

describe('import routes', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await clearGraph(db);
    await writeImportWorld(db);
    api = await authedAgent(app, db, 'sourcer');
  });

  it('POST /api/import imports a CSV body and answers with the summary; the same body again changes nothing', async () => {
    const res = await api.post('/api/import').set('Content-Type', 'text/csv').send(sample('import-sample.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const summary = ImportSummarySchema.parse(res.body);
    expect(summary.rows).toEqual({ read: 6, created: 6, updated: 0, unchanged: 0, rejected: 0, suppressed: 0 });
    expect(summary.unresolvedLocations).toEqual([{ row: 7, location: 'Remote', reason: expect.any(String) }]);
    const again = await api.post('/api/import').set('Content-Type', 'text/csv').send(sample('import-sample.csv'));
    expect(ImportSummarySchema.parse(again.body).rows).toMatchObject({ unchanged: 6, created: 0, updated: 0 });
  });

  it('POST /api/import imports a JSON body, larger than the 1 MB the other routes accept', async () => {
    const items = Array.from({ length: 4000 }, (_, i) => ({
      name: `Person ${i}`,
      email: `p${i}@example.org`,
      location: 'München',
      skills: ['PyTorch'],
      previous_jobs: [{ employer: `Employer ${i % 50} GmbH`, title: 'Engineer with a long title to make the body big', from: '2015-01', to: '2018-12' }],
      source: 'crm export',
      lawful_basis: 'legitimate-interest',
    }));
    const body = JSON.stringify(items);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await api.post('/api/import').set('Content-Type', 'application/json').send(body);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(ImportSummarySchema.parse(res.body).rows).toMatchObject({ read: 4000, created: 4000 });
  });

  it('POST /api/import answers 422 with each rejected row, field and reason, and keeps the valid rows', async () => {
    const csv = `${CSV_HEADER}\nGood,good@example.org,,,,,,,,,,,s,consent\nBad,bad-at-example.org,,,,,,,,,,,s,consent\n`;
    const res = await api.post('/api/import?dryRun=false').set('Content-Type', 'text/csv').send(csv);
    expectError(res, 422, 'row 3, email');
    expect(res.body.error).toMatchObject({ code: 'rows_rejected', message: '1 of 2 rows were rejected; 1 were imported.' });
    expect(res.body.error.details.rejected).toEqual([{ row: 3, field: 'email', reason: expect.stringMatching(/has no "@"/), message: expect.any(String) }]);
    expect(await candidateDump(db)).toHaveLength(1);
  });

  it("POST /api/import takes the app's day as the import's: the latest a row's dates may be, and the day recorded where a row gives none", async () => {
    // The app's clock, not the machine's: a day long past, so the machine's would let the June start through.
    const app2026 = createApp({ db, clock: () => new Date('2024-01-15T10:00:00Z'), security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    const agent = await authedAgent(app2026, db, 'sourcer');
    const csv = `${CSV_HEADER}\nEarly,early@example.org,,,Acme,Engineer,2023-11,,,,,,s,consent\nLater,later@example.org,,,Acme,Engineer,2024-06,,,,,,s,consent\n`;
    const res = await agent.post('/api/import').set('Content-Type', 'text/csv').send(csv);
    expectError(res, 422, 'row 3, current_since');
    expect(res.body.error.details.rejected).toEqual([{ row: 3, field: 'current_since', reason: expect.stringMatching(/2024-06-01 is in the future/), message: expect.any(String) }]);
    const [early] = await candidateDump(db);
    expect(early!.props).toMatchObject({ name: 'Early', obtainedAt: '2024-01-15' });
  });

  it('POST /api/import with dryRun writes nothing', async () => {
    const res = await api.post('/api/import').query({ dryRun: 'true' }).set('Content-Type', 'text/csv').send(sample('import-sample.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: { created: 6 } });
    expect(await candidateDump(db)).toHaveLength(0);
  });

  it('POST /api/import reads a ";"-delimited body, and the format from ?format when the type says neither', async () => {
    const res = await api.post('/api/import?format=csv').set('Content-Type', 'application/octet-stream').send(sample('import-sample-semicolon.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toMatchObject({ created: 6, rejected: 0 });
  });

  it('POST /api/import rejects a body that is neither CSV nor JSON, an empty one and a header without the required columns', async () => {
    expectError(await api.post('/api/import').set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.4')), 415, 'text/csv');
    expectError(await api.post('/api/import?format=csv').set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.4 x')), 400, 'PDF');
    expectError(await api.post('/api/import').set('Content-Type', 'text/csv').send(''), 400, 'empty');
    const header = await api.post('/api/import').set('Content-Type', 'text/csv').send('name,phone\nA,1\n');
    expectError(header, 400, 'lacks the required column');
    // Named as the body's fault like any unreadable file, with the columns missing and found.
    expect(header.body.error.details).toEqual([
      { field: 'body', message: header.body.error.message, missing: ['source', 'lawful_basis', 'email or profile_url'], found: ['name', 'phone'] },
    ]);
    expectError(await api.post('/api/import').set('Content-Type', 'application/json').send('name,email\nA,a@x.org\n'), 400, 'not JSON');
    expectError(await api.post('/api/import?radiusKm=-3').set('Content-Type', 'text/csv').send('x'), 400, 'radiusKm');
  });

  it('POST /api/import names the body as the field to fix when the file as a whole cannot be read', async () => {
    const unreadable: [string, Buffer | string, string][] = [
      ['text/csv', '', 'empty'],
      ['text/csv', Buffer.from([0, 1, 2, 0]), 'NUL'],
      ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from('PK\u0003\u0004 cut short'), 'workbook'],
    ];
    for (const [type, body, mention] of unreadable) {
      const res = await api.post('/api/import').set('Content-Type', type).send(body);
      expectError(res, 400, mention);
      expect(res.body.error.details, type).toEqual([{ field: 'body', message: res.body.error.message }]);
    }
    const gzip = await api.post('/api/import').set('Content-Type', 'text/csv').set('Content-Encoding', 'gzip').send('name\n');
    expectError(gzip, 400, 'gzip');
    expect(gzip.body.error.details.map((d: { field: string }) => d.field)).toEqual(['body']);
  });

  it('POST /api/import reads JSON Lines sent as application/x-ndjson, and one object alone as one candidate', async () => {
    const line = (i: number) => JSON.stringify({ name: `P${i}`, email: `p${i}@example.org`, source: 's', lawful_basis: 'consent' });
    const res = await api.post('/api/import').set('Content-Type', 'application/x-ndjson').send(`${line(1)}\n${line(2)}\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toMatchObject({ read: 2, created: 2 });
    const single = await api.post('/api/import').set('Content-Type', 'application/json').send('{"name":"A"}');
    expectError(single, 422, 'line 1');
  });

  it('POST /api/import reads an Excel workbook sent as such, or named by ?format=xlsx, and refuses one that is not', async () => {
    const workbook = await csvToXlsx(sample('import-sample.csv'));
    const res = await api.post('/api/import').set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(workbook);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ImportSummarySchema.parse(res.body)).toMatchObject({ format: 'xlsx', rows: { read: 6, created: 6, rejected: 0 } });
    const again = await api.post('/api/import?format=xlsx').set('Content-Type', 'application/octet-stream').send(workbook);
    expect(ImportSummarySchema.parse(again.body).rows).toMatchObject({ unchanged: 6, created: 0 });
    expectError(await api.post('/api/import?format=xlsx').set('Content-Type', 'application/octet-stream').send(sample('import-sample.csv')), 400, 'not an Excel workbook');
    const bad = await csvToXlsx(`${CSV_HEADER}\nNo Email,,,,,,,,,,,,s,consent\n`);
    expectError(
      await api.post('/api/import?format=xlsx').set('Content-Type', 'application/octet-stream').send(bad),
      422,
      'row 2, email: a candidate needs an email or a profile_url',
    );
  });

  it('POST /api/import reads a body in the encoding ?encoding names, and refuses an encoding it does not know, naming the field', async () => {
    const body = encodeIn('name,email,source,lawful_basis\nZoë Lefèvre,zoe@example.fr,li,consent\nO’Neill Ångström,oneill@example.ie,li,consent\n', 'windows-1252');
    const res = await api.post('/api/import?encoding=windows-1252').set('Content-Type', 'text/csv').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await candidateDump(db)).map((c) => c.props.name).sort()).toEqual(['O’Neill Ångström', 'Zoë Lefèvre']);
    const unknown = await api.post('/api/import?encoding=ebcdic').set('Content-Type', 'text/csv').send(body);
    expectError(unknown, 400, 'encoding');
    expect(JSON.stringify(unknown.body.error.details)).toContain('query.encoding');
  });

  it('POST /api/import reads a gzip- or deflate-encoded body, counting the 50 MB limit on what it inflates to, and refuses an encoding it cannot undo', async () => {
    const csv = sample('import-sample.csv');
    const res = await api.post('/api/import').set('Content-Type', 'text/csv').set('Content-Encoding', 'gzip').send(gzipSync(csv));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toMatchObject({ read: 6, created: 6, rejected: 0 });
    const deflated = await api.post('/api/import').set('Content-Type', 'text/csv').set('Content-Encoding', 'deflate').send(deflateSync(csv));
    expect(deflated.body.rows).toMatchObject({ read: 6, unchanged: 6 });
    // A few kilobytes that inflate past the limit (a zip bomb) are stopped as a body that large is.
    const bomb = gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(51 * 1024 * 1024, 0x20), Buffer.from(']')]));
    expect(bomb.length).toBeLessThan(200 * 1024);
    // (Sent as octet-stream: superagent would serialise a Buffer sent as JSON.)
    expectError(await api.post('/api/import?format=json').set('Content-Type', 'application/octet-stream').set('Content-Encoding', 'gzip').send(bomb), 413, 'larger than 50 MB');
    expectError(await api.post('/api/import').set('Content-Type', 'text/csv').set('Content-Encoding', 'gzip').send(csv), 400, 'gzip');
    expectError(await api.post('/api/import').set('Content-Type', 'text/csv').set('Content-Encoding', 'compress').send(csv), 415, 'compress');
  });

  it('POST /api/import reads a body in the charset its Content-Type declares, ?encoding overriding it, and refuses a charset it cannot read, naming it', async () => {
    const text = 'name,email,source,lawful_basis\nZoë Lefèvre,zoe@example.fr,li,consent\nŒdipe O’Neill,oedipe@example.ie,li,consent\n';
    const body = encodeIn(text, 'windows-1252');
    for (const charset of ['windows-1252', 'latin1', 'ISO-8859-1', '"cp1252"']) {
      await clearGraph(db);
      await writeImportWorld(db);
      api = await authedAgent(app, db, 'sourcer');
      const res = await api.post('/api/import').set('Content-Type', `text/csv; charset=${charset}`).send(body);
      expect(res.status, `${charset}: ${JSON.stringify(res.body)}`).toBe(200);
      expect((await candidateDump(db)).map((c) => c.props.name).sort(), charset).toEqual(['Zoë Lefèvre', 'Œdipe O’Neill']);
    }
    const utf8 = await api.post('/api/import').set('Content-Type', 'text/csv; charset=utf-8').send(Buffer.from(text));
    expect(utf8.body.rows).toMatchObject({ unchanged: 2 });
    const overridden = await api.post('/api/import?encoding=windows-1252').set('Content-Type', 'text/csv; charset=utf-8').send(body);
    expect(overridden.body.rows).toMatchObject({ unchanged: 2 });
    const unknown = await api.post('/api/import').set('Content-Type', 'text/csv; charset=koi8-r').send(body);
    expectError(unknown, 415, 'koi8-r');
    expect(unknown.body.error.message).toContain('"koi8-r"');
    expect(unknown.body.error.message).toContain('windows-1252');
  });

  it('POST /api/import tells an old .xls workbook from an .xlsx protected with a password, both refused before any row', async () => {
    const workbooks = path.join(import.meta.dirname, '../support/workbooks');
    const send = (file: string, format: string) =>
      api.post(`/api/import?format=${format}`).set('Content-Type', 'application/octet-stream').send(readFileSync(path.join(workbooks, file)));
    expectError(await send('protected.xlsx', 'xlsx'), 400, 'This workbook is protected with a password (encrypted)');
    expectError(await send('old.xls', 'xlsx'), 400, 'This is an old Excel workbook (.xls), not .xlsx');
    // Sent as CSV or JSON, either is still named for what it is.
    expectError(await send('protected.xlsx', 'csv'), 400, 'an Excel workbook (an old .xls, or an .xlsx protected with a password), not CSV');
    expectError(await send('old.xls', 'json'), 400, 'an Excel workbook (an old .xls, or an .xlsx protected with a password), not JSON');
    expect((await candidateDump(db)).length).toBe(0);
  });

  it('GET /api/openapi.json documents POST /api/import', async () => {
    const res = await api.get('/api/openapi.json');
    expect(res.body.paths['/api/import'].post.responses).toHaveProperty('422');
  });
});
