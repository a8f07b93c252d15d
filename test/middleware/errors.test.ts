import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import express, { type Express } from 'express';
import request from 'supertest';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { BadRequestError, HttpError } from '../../server/errors.ts';
import { createLogger } from '../../server/logger.ts';
import { errorHandler, notFound } from '../../server/middleware/errors.ts';
import { type Agent, tokenFor, withToken } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

const NO_LIMITS = { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 };
const VIEW = JSON.stringify({ name: 'Encoded view', url: '/map?hub=oxford' });

describe('errorHandler', () => {
  let db: Database;
  let app: Express;
  let sourcer: Agent;
  let sourcerAuth: string;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: NO_LIMITS } });
    const token = await tokenFor(db, 'sourcer');
    sourcer = withToken(app, token);
    sourcerAuth = `Bearer ${token}`;
  });
  afterAll(async () => {
    await db.close();
  });

  /** Bytes sent as they are (supertest would turn a Buffer with a JSON type into JSON text). */
  const post = async (encoding: string, body: Buffer) => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/saved-views`, {
        method: 'POST',
        headers: { Authorization: sourcerAuth, 'Content-Type': 'application/json', 'Content-Encoding': encoding },
        body: new Uint8Array(body),
      });
      return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body: await res.json() } as unknown as request.Response;
    } finally {
      server.close();
    }
  };

  it('a body that does not decompress as its Content-Encoding says is a 400 naming the body, never a 500', async () => {
    for (const [encoding, body] of [
      ['gzip', Buffer.from(VIEW)],
      ['deflate', Buffer.from(VIEW)],
      ['br', gzipSync(VIEW)],
      ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01])],
    ] as const) {
      const res = await post(encoding, body);
      expectError(res, 400, encoding);
      expect(res.body.error.code, encoding).toBe('bad_request');
      expect(res.body.error.details, encoding).toEqual([{ field: 'body', message: expect.stringContaining(encoding) }]);
    }
  });

  it('a body compressed as its Content-Encoding says is read', async () => {
    for (const [encoding, compress] of [['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]] as const) {
      const res = await post(encoding, compress(JSON.stringify({ name: `Sent as ${encoding}`, url: '/map?hub=oxford' })));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.name).toBe(`Sent as ${encoding}`);
    }
  });

  it('an unsupported Content-Encoding or charset is a 415 with code unsupported_media_type that says which', async () => {
    const compress = await post('compress', Buffer.from(VIEW));
    expectError(compress, 415, 'Content-Encoding compress is not supported');
    expect(compress.body.error.code).toBe('unsupported_media_type');
    expect(compress.body.error.message).not.toContain('UTF-8');
    const latin1 = await sourcer.post('/api/saved-views').set('Content-Type', 'application/json; charset=latin1').send(VIEW);
    expectError(latin1, 415, 'charset latin1');
    expect(latin1.body.error.code).toBe('unsupported_media_type');
    expect(latin1.body.error.details).toEqual([{ field: 'body', message: expect.stringContaining('latin1') }]);
    const malformed = await sourcer.post('/api/saved-views').set('Content-Type', 'application/json').send('{"name": ');
    expectError(malformed, 400, 'not valid JSON');
    const large = await sourcer.post('/api/saved-views').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x', url: 'y'.repeat(1_100_000) }));
    expectError(large, 413);
    expect(large.body.error.code).toBe('payload_too_large');
  });

  it('every error body has details as a list: 401, 403, 404 and 429 answer an empty one', async () => {
    const unauthorized = await request(app).get('/api/hubs');
    const forbidden = await withToken(app, await tokenFor(db, 'viewer')).get('/api/users');
    const unknown = await sourcer.get('/api/nope');
    const unknownAnonymous = await request(app).get('/api/nope/deeper');
    const limited = createApp({ db, security: { rateLimits: { perMinute: 1, importPerMinute: 1, exportPerMinute: 1 } } });
    const agent = withToken(limited, await tokenFor(db, 'viewer'));
    await agent.get('/api/taxonomy');
    const tooMany = await agent.get('/api/taxonomy');
    for (const [status, res] of [[401, unauthorized], [403, forbidden], [404, unknown], [401, unknownAnonymous], [429, tooMany]] as const) {
      expectError(res, status);
      expect(res.body.error.details, `${status}`).toEqual([]);
    }
    expect(unknown.body.error.message).toBe('No route GET /api/nope');
  });

  it('an unknown path outside /api, and one under it when no token is needed to say so, names the full path', async () => {
    const site = createApp({ db, clientDir: '/nonexistent' });
    expectError(await request(site).get('/elsewhere'), 404, 'No route GET /elsewhere');
  });

  it('a thrown error without details answers [], one with an object answers it in a list, a 422 keeps its summary, a crash is a 500 with []', async () => {
    const mini = express();
    mini.get('/plain', () => {
      throw new BadRequestError('Invalid thing');
    });
    mini.get('/object', () => {
      throw new BadRequestError('The header lacks a column', { missing: ['email'] });
    });
    mini.get('/summary', () => {
      throw new HttpError(422, 'rows_rejected', '1 of 2 rows were rejected', { rows: { read: 2, rejected: 1 } });
    });
    mini.get('/crash', () => {
      throw new Error('secret internals');
    });
    mini.use(notFound);
    mini.use(errorHandler(createLogger('silent')));
    expect((await request(mini).get('/plain')).body).toEqual({ error: { code: 'bad_request', message: 'Invalid thing', details: [] } });
    expect((await request(mini).get('/object')).body.error.details).toEqual([{ missing: ['email'] }]);
    expect((await request(mini).get('/summary')).body.error.details).toEqual({ rows: { read: 2, rejected: 1 } });
    const crash = await request(mini).get('/crash');
    expectError(crash, 500);
    expect(crash.body.error).toEqual({ code: 'internal', message: 'Internal error; it has been logged.', details: [] });
    expect((await request(mini).get('/nowhere')).body.error).toEqual({ code: 'not_found', message: 'No route GET /nowhere', details: [] });
  });
});

const q = defineQueries('health-version');

describe('errorHandler and a busy database', () => {
  it('a request that finds every pooled connection in use answers 503 with Retry-After, without taking the database for down', async () => {
    // A real driver whose one connection is held by an open transaction: the next query times out waiting for it.
    const { uri, password } = inject('neo4j');
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { maxConnectionPoolSize: 1, connectionAcquisitionTimeout: 2_000 });
    const holder = driver.session();
    const held = holder.beginTransaction();
    await held.run(q['health-version']);
    const lost: unknown[] = [];
    const busy = express();
    busy.get('/busy', async (_req, res, next) => {
      const session = driver.session();
      try {
        res.json((await session.run(q['health-version'])).records.length);
      } catch (error) {
        next(error);
      } finally {
        await session.close();
      }
    });
    busy.use(errorHandler(createLogger('silent'), { onUnavailable: (error) => lost.push(error) }));
    try {
      const res = await request(busy).get('/busy');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error).toMatchObject({ code: 'database_unavailable', message: 'The database is busy; try again shortly.' });
      expect(JSON.stringify(res.body)).not.toMatch(/Pool status|acquisition/);
      expect(lost).toEqual([]);
    } finally {
      await held.rollback();
      await holder.close();
      await driver.close();
    }
  });
});
