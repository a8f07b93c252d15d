import type { Express } from 'express';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import type { Database } from '../server/db/neo4j.ts';
import { type Agent, agentsByRole } from './support/app.ts';
import { newSalt } from '../server/privacy/suppression.ts';
import { ensureSalt } from '../server/repositories/privacy.repository.ts';
import type { Role } from '../server/auth/roles.ts';
import { countByLabelAndType } from '../server/repositories/health.repository.ts';
import { testDatabase } from './support/db.ts';
import { TODAY, buildExplorerWorld } from './support/explorer-world.ts';
import { type Operation, callAsLeastRole, fillPath, operations, withoutAuditTrail } from './support/openapi-requests.ts';

/**
 * The bad-input sweep: malformed requests generated from the OpenAPI
 * document for every route, parameter and body field. None may get a 5xx; a
 * 400 must name the field; and the graph must hold what it held before.
 */

const HUGE = 'x'.repeat(6_000);
/** Path values, written as they travel (percent-encoded where needed). */
const BAD_PATH_VALUES = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc',
  '..%5C..%5Cwindows',
  '%00',
  '%C3%28',
  '%FF%FE',
  '%E0%A4%A',
  '-1',
  '99999999999999999999999',
  encodeURIComponent(HUGE),
  '%20',
  encodeURIComponent('<script>alert(1)</script>'),
];
/** Query values (a string is sent as one value, an array as repeated ones, an object as bracketed keys). */
const BAD_QUERY_VALUES: (string | string[] | Record<string, string>)[] = [
  '',
  '-1',
  '-99999999999',
  '1e309',
  'NaN',
  '99999999999999999999',
  HUGE,
  ['a', 'b'],
  Array.from({ length: 200 }, (_, i) => `v${i}`),
  { nested: 'x' },
  '%C3%28',
  '../../etc/passwd',
];
/** Body field values of the wrong type or size. */
const BAD_BODY_VALUES: unknown[] = [null, 12345, -1, 1e308, true, 'x'.repeat(200_000), {}, [], Array.from({ length: 20_000 }, () => 'x'), { $where: '1' }];

function encodeQuery(name: string, value: string | string[] | Record<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => `${name}=${encodeURIComponent(v)}`).join('&');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${name}[${k}]=${encodeURIComponent(v)}`).join('&');
  return value === '%C3%28' ? `${name}=%C3%28` : `${name}=${encodeURIComponent(value)}`;
}


describe('malformed requests to every route', () => {
  let db: Database;
  let app: Express;
  let agents: Record<Role, Agent>;
  let ops: Operation[];
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    agents = await agentsByRole(app, db);
    // The installation's suppression salt is made on an import's first use: setup, not a change.
    await ensureSalt(db, newSalt(), new Date().toISOString());
    ops = operations().filter((op) => op.path !== '/api/health');
  });
  afterAll(async () => {
    await db.close();
  });

  const call = (op: Operation, url: string) => callAsLeastRole(agents, op, url);

  it('the API answers ≥ 200 malformed requests without a 5xx, names the field of every 400, and leaves the graph as it was', async () => {
    const before = withoutAuditTrail(await countByLabelAndType(db));
    const problems: string[] = [];
    let sent = 0;
    /** `field`: the one a 400 must name; `null`: a whole-file problem (an import), named by its message alone. */
    const check = (label: string, res: request.Response, field?: string | null) => {
      sent++;
      const text = JSON.stringify(res.body ?? {});
      if (res.status >= 500) problems.push(`${label} → ${res.status} ${text.slice(0, 200)}`);
      if (res.status >= 400 && !/application\/json/.test(res.headers['content-type'] ?? '')) problems.push(`${label} → ${res.status} not JSON`);
      if (/Neo4jError|at .*\.ts:\d+|MATCH \(|\bstack\b/.test(text)) problems.push(`${label} → leaks internals: ${text.slice(0, 200)}`);
      if (res.status === 400) {
        const fields = ((res.body?.error?.details ?? []) as { field?: string }[]).map((d) => d?.field).filter(Boolean);
        if (fields.length === 0 && field !== null) problems.push(`${label} → 400 naming no field: ${text.slice(0, 200)}`);
        else if (field && !fields.some((f) => f!.includes(field)) && !text.includes(field)) problems.push(`${label} → 400 without naming ${field}: ${text.slice(0, 200)}`);
      }
    };

    for (const op of ops) {
      for (const name of op.pathParams) {
        for (const value of BAD_PATH_VALUES) {
          const res = await call(op, fillPath(op, name, value)).send(op.bodyProps ? {} : undefined);
          // The router may reject a path it cannot decode before any parameter is named.
          // The router may reject a path it cannot decode before any parameter is named; a body error may come first.
          const named = JSON.stringify(res.body ?? {});
          check(`${op.method} ${op.path} ${name}=${value.slice(0, 30)}`, res, named.includes('"path"') || named.includes('body.') ? undefined : name);
        }
      }
      for (const name of [...op.queryParams, 'unexpectedParam']) {
        for (const value of BAD_QUERY_VALUES) {
          const res = await call(op, `${fillPath(op)}?${encodeQuery(name, value)}`);
          check(`${op.method} ${op.path} ?${name}=${JSON.stringify(value).slice(0, 30)}`, res);
        }
      }
      if (op.bodyProps) {
        for (const name of op.bodyProps) {
          for (const value of BAD_BODY_VALUES) {
            const res = await call(op, fillPath(op)).send({ [name]: value });
            check(`${op.method} ${op.path} body.${name}=${JSON.stringify(value)?.slice(0, 30)}`, res, res.status === 400 ? 'body' : undefined);
          }
        }
        const url = fillPath(op);
        check(`${op.method} ${op.path} malformed JSON`, await call(op, url).set('Content-Type', 'application/json').send('{"a": [1, 2'));
        check(`${op.method} ${op.path} JSON array`, await call(op, url).send([1, 2, 3]));
        check(`${op.method} ${op.path} text/plain`, await call(op, url).set('Content-Type', 'text/plain').send('{"name": "x"}'));
        check(`${op.method} ${op.path} form`, await call(op, url).set('Content-Type', 'application/x-www-form-urlencoded').send('name=x&url=%2F'));
        check(`${op.method} ${op.path} latin-1 charset`, await call(op, url).set('Content-Type', 'application/json; charset=latin1').send('{"name": "x"}'));
        check(
          `${op.method} ${op.path} invalid UTF-8`,
          await call(op, url).set('Content-Type', 'application/json').send(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])),
        );
        check(`${op.method} ${op.path} extra fields`, await call(op, url).send({ unexpected: 1, __proto__: { admin: true }, constructor: { prototype: { x: 1 } } }));
      }
      if (op.bodyTypes.includes('text/csv')) {
        const url = fillPath(op);
        check(`${op.method} ${op.path} binary as CSV`, await call(op, url).set('Content-Type', 'text/csv').send(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00])), null);
        check(`${op.method} ${op.path} invalid UTF-8 CSV`, await call(op, url).set('Content-Type', 'text/csv').send(Buffer.concat([Buffer.from('name,email,source,lawful_basis\nA'), Buffer.from([0xc3, 0x28]), Buffer.from(',a@b.example,x,consent\n')])), null);
        check(`${op.method} ${op.path} JSON object, not array`, await call(op, url).set('Content-Type', 'application/json').send('{"name": "x"}'), null);
        check(`${op.method} ${op.path} JSON rows of wrong types`, await call(op, url).set('Content-Type', 'application/json').send(JSON.stringify([{ name: 5, email: [], skills: 'x'.repeat(10_000) }, null, 7])), null);
        check(`${op.method} ${op.path} image/png`, await call(op, url).set('Content-Type', 'image/png').send(Buffer.from([0x89, 0x50, 0x4e, 0x47])), null);
        check(`${op.method} ${op.path} no content type`, await call(op, url).send(Buffer.from('')), null);
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(200);
    expect(withoutAuditTrail(await countByLabelAndType(db))).toEqual(before);
  }, 600_000);

  it('every route but the import refuses a non-empty body that is not JSON (415 naming the body and its type) and a query parameter it does not declare (400 naming it), and nothing changes', async () => {
    const before = withoutAuditTrail(await countByLabelAndType(db));
    const fields = (res: request.Response) => ((res.body?.error?.details ?? []) as { field: string }[]).map((d) => d.field);
    let checked = 0;
    for (const op of ops) {
      const url = fillPath(op);
      if (!op.bodyTypes.includes('text/csv')) {
        for (const [type, body] of [
          ['text/plain', 'dryRun=true'],
          ['application/x-www-form-urlencoded', 'days=30&apply=true'],
          ['application/xml', '<days>30</days>'],
          ['text/csv', 'days\n30\n'],
        ]) {
          const res = await call(op, url).set('Content-Type', type!).send(body);
          const label = `${op.method} ${op.path} ${type} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          expect(res.status, label).toBe(415);
          expect(res.body.error.code, label).toBe('unsupported_media_type');
          expect(fields(res), label).toEqual(['body']);
          expect(res.body.error.message, label).toContain(type);
          checked++;
        }
      }
      for (const query of ['notAParam=1', 'dryRunx=true&notAParam=2']) {
        const res = await call(op, `${url}?${query}`);
        const label = `${op.method} ${op.path}?${query} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        expect(res.status, label).toBe(400);
        expect(JSON.stringify(res.body.error.details), label).toContain('notAParam');
        expect(Array.isArray(res.body.error.details), label).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(withoutAuditTrail(await countByLabelAndType(db))).toEqual(before);
  });

  it('a request that takes no body is refused one, whatever its method: a GET with a JSON body, or with a malformed one, gets a 400 naming the body', async () => {
    const reads = ops.filter((op) => op.method === 'get' && !op.bodyProps && !op.path.includes('{'));
    expect(reads.length).toBeGreaterThan(5);
    // The fields a 400 names (a route with a required query parameter names that one too).
    const named = (res: request.Response) => [res.status, ((res.body?.error?.details ?? []) as { field: string }[]).some((d) => d.field === 'body')];
    for (const op of reads) {
      const given = await call(op, fillPath(op)).set('Content-Type', 'application/json').send(JSON.stringify({ days: 30 }));
      expect(named(given), `${op.method} ${op.path} with a body`).toEqual([400, true]);
      const malformed = await call(op, fillPath(op)).set('Content-Type', 'application/json').send('{"a": [1, 2');
      expect(named(malformed), `${op.method} ${op.path} with a malformed body`).toEqual([400, true]);
    }
    // Without the body, the same requests are not refused for one.
    for (const op of reads) expect(named(await call(op, fillPath(op)))[1], `${op.method} ${op.path}`).toBe(false);
  });
});
