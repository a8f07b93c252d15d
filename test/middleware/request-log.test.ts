import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { createLogger } from '../../server/logger.ts';
import { tokenFor, withToken } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { GraphSpecBuilder } from '../support/graph.ts';

class LineSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
    callback();
  }
  get records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

describe('request logs', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    await new GraphSpecBuilder()
      .node('Candidate', { id: 'k1', name: 'Kim', email: 'kim@example.org', profileUrl: 'https://profiles.example/kim', seniority: 'mid', passive: true, openToWork: false })
      .write(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('one line per request gives request id, route, status, latency and user, and never a token or contact detail', async () => {
    const sink = new LineSink();
    const app = createApp({ db, clock: () => TODAY, logger: createLogger('info', sink) });
    const token = await tokenFor(db, 'sourcer');
    const agent = withToken(app, token);
    const profile = await agent.get('/api/candidates/k1').set('X-Request-Id', 'trace-42');
    expect(profile.body.email).toBe('kim@example.org');
    expect(profile.headers['x-request-id']).toBe('trace-42');
    await agent.get('/api/hubs/oxford/pool?anySkills=seg&limit=5');
    await request(app).get('/api/hubs').set('Authorization', `Bearer ${token.slice(0, -2)}zz`);
    await agent
      .post('/api/import?dryRun=true')
      .set('Content-Type', 'text/csv')
      .send('name,email,source,lawful_basis\nZed,zed@example.org,referral,consent\nBad,not-an-email,referral,nonsense\n');

    const records = sink.records.filter((r) => (r.req as { path?: string } | undefined)?.path?.startsWith('/api/'));
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({
      req: { id: 'trace-42', method: 'GET', path: '/api/candidates/k1' },
      res: { status: 200 },
      route: '/api/candidates/{id}',
      user: expect.any(String),
      responseTime: expect.any(Number),
    });
    expect(records[1]).toMatchObject({ req: { path: '/api/hubs/oxford/pool' }, route: '/api/hubs/{hubId}/pool', res: { status: 200 } });
    expect(records[2]).toMatchObject({ res: { status: 401 }, user: null });
    const all = sink.lines.join('\n');
    expect(all).not.toContain(token.slice(20));
    expect(all).not.toMatch(/ta_[0-9a-f]{16}_/);
    expect(all).not.toMatch(/kim@example\.org|zed@example\.org|profiles\.example|[Aa]uthorization|anySkills/);
  });

  it('a request the client abandons before its answer is logged once, as an error marked aborted', async () => {
    const sink = new LineSink();
    const app = createApp({ db, clock: () => TODAY, logger: createLogger('info', sink) });
    const token = await tokenFor(db, 'sourcer');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // An import whose body never ends: the client hangs up while the server still reads it.
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/import?dryRun=true', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' } });
      req.on('error', () => {});
      req.write('name,email,source,lawful_basis\nZed,zed@example.org,referral,consent\n');
      await new Promise((resolve) => setTimeout(resolve, 300));
      req.destroy();
      await expect.poll(() => sink.records.filter((r) => (r.req as { path?: string } | undefined)?.path === '/api/import').length, { timeout: 5000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = sink.records.filter((r) => (r.req as { path?: string } | undefined)?.path === '/api/import');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 50, route: '/api/import' });
      expect(lines[0]!.msg).toMatch(/^POST \/api\/import \d+ \(aborted\)$/);
    } finally {
      server.close();
    }
  });

  it('createLogger scrubs e-mail addresses and tokens from logged errors (a constraint message quotes values)', () => {
    const sink = new LineSink();
    const logger = createLogger('info', sink);
    logger.error({ err: new Error("Node(12) already exists with label `Candidate` and property `emailKey` = 'ada@example.org'; token ta_0123456789abcdef_secretsecret") }, 'failed');
    expect(sink.lines[0]).not.toMatch(/ada@example\.org|ta_0123456789abcdef_secret/);
    expect(sink.lines[0]).toContain('[redacted]');
  });
});
