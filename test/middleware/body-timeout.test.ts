import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type Socket, connect } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { createLogger } from '../../server/logger.ts';
import { tokenFor } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { CollectingSink } from '../support/sinks.ts';

/**
 * A request body that stops coming is answered 408 once the body timeout passes
 * with no byte of it, on a real connection (raw bytes, so a body can be cut
 * short of its Content-Length); one that keeps coming slowly is read to its end.
 */

const TIMEOUT_MS = 300;
/** Shorter than Node's default, so an idle connection's end is seen within the test. */
const KEEP_ALIVE_MS = 1_000;
const MANDATE = JSON.stringify({ title: 'Stalled mandate', client: 'Client', hubs: ['munich'], requiredSkills: ['seg'], targetDays: 30 });

/** An open connection and everything the server has sent on it so far. */
function open(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

function head(method: string, path: string, token: string, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost', `Authorization: Bearer ${token}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function parse(answer: string) {
  const [top = '', ...rest] = answer.split('\r\n\r\n');
  const [statusLine, ...headers] = top.split('\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? '')?.[1]), headers: headers.join('\n').toLowerCase(), body: rest.join('\r\n\r\n') };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `received` holds a whole answer (a status line, its headers and a body of its Content-Length). */
async function answered(received: () => string): Promise<ReturnType<typeof parse>> {
  for (;;) {
    const answer = parse(received());
    const length = Number(/content-length: (\d+)/.exec(answer.headers)?.[1] ?? NaN);
    if (answer.status && Buffer.byteLength(answer.body) >= length) return answer;
    await pause(20);
  }
}

describe('middleware/body-timeout', () => {
  let db: Database;
  let app: Express;
  let server: Server;
  let port: number;
  let token: string;
  const log = new CollectingSink();
  /** The request log's lines and any error logged since `from` (a length of the log's text). */
  const logged = (from: number) => log.text.slice(from).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string; res?: { status: number } });
  const searches = async () => {
    const res = await request(app).get('/api/searches').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return (res.body as { items: unknown[] }).items.length;
  };
  const candidates = async () => {
    const res = await request(app).get('/api/health');
    expect(res.body).toMatchObject({ counts: { candidates: expect.any(Number) } });
    return (res.body as { counts: { candidates: number } }).counts.candidates;
  };

  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    token = await tokenFor(db, 'sourcer');
    app = createApp({ db, logger: createLogger('info', log), clock: () => TODAY, security: { bodyTimeoutMs: TIMEOUT_MS, rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    server = app.listen(0, '127.0.0.1');
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });

  it('a JSON body shorter than its Content-Length gets a JSON 408 naming the body, the connection closed, and nothing written', async () => {
    const before = await searches();
    const { socket, received, closed } = open(port);
    socket.write(head('POST', '/api/searches', token, { 'Content-Type': 'application/json', 'Content-Length': MANDATE.length + 40 }) + MANDATE);
    await closed;
    const answer = parse(received());
    expect(answer.status).toBe(408);
    expect(answer.headers).toContain('connection: close');
    expect(answer.headers).toContain('cache-control: no-store');
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'request_timeout', message: 'The body stopped coming before its end: none of it arrived for 0.3 s.', details: [{ field: 'body', message: expect.stringMatching(/^stopped coming/) }] },
    });
    expect(await searches()).toBe(before);
  });

  it('an import whose CSV stops part way gets the 408 and writes no candidate of it', async () => {
    const before = await candidates();
    const from = log.text.length;
    // The sample file's header and first rows: whole rows have come when the body stops.
    const csv = readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'import-sample.csv'), 'utf8').split('\n').slice(0, 3).join('\n') + '\n';
    const { socket, received, closed } = open(port);
    socket.write(head('POST', '/api/import', token, { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(csv) + 500 }) + csv);
    await closed;
    expect(parse(received()).status).toBe(408);
    expect(await candidates()).toBe(before);
    // The client's stall is a 408 in the request log, not a server error: the import it cut short fails quietly.
    const lines = logged(from);
    expect(lines.filter((l) => l.msg.startsWith('POST'))).toEqual([expect.objectContaining({ res: { status: 408 } })]);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('a body that keeps coming, each part within the timeout, is read to its end however long it takes', async () => {
    const before = await searches();
    const { socket, received } = open(port);
    socket.write(head('POST', '/api/searches', token, { 'Content-Type': 'application/json', 'Content-Length': MANDATE.length }));
    // Six parts, 150 ms apart: 750 ms in all, more than twice the timeout, no gap as long as it.
    const parts = MANDATE.match(/[\s\S]{1,20}/g)!;
    const step = Math.ceil(parts.length / 6);
    for (let i = 0; i < parts.length; i += step) {
      await pause(TIMEOUT_MS / 2);
      socket.write(parts.slice(i, i + step).join(''));
    }
    const answer = await answered(received);
    expect(answer.status, answer.body).toBe(201);
    expect(await searches()).toBe(before + 1);
    socket.destroy();
  });

  it('once a body is in, the connection is not timed out by it: it serves the next request past the body timeout, then keeps Node\'s keep-alive timeout', async () => {
    const { socket, received, closed } = open(port);
    socket.write(head('POST', '/api/searches', token, { 'Content-Type': 'application/json', 'Content-Length': MANDATE.length }) + MANDATE);
    expect((await answered(received)).status).toBe(201);
    await pause(TIMEOUT_MS * 2);
    const sent = received().length;
    socket.write(head('POST', '/api/searches', token, { 'Content-Type': 'application/json', 'Content-Length': MANDATE.length }) + MANDATE);
    expect((await answered(() => received().slice(sent))).status).toBe(201);
    // Idle after its answers, the connection is closed by the server's keep-alive timeout, as any other.
    await closed;
  });
});
