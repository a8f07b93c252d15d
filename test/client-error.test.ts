import { type Server, createServer } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientError } from '../server/client-error.ts';

/**
 * What Node's HTTP parser refuses before any route runs, sent as raw bytes to a
 * server with the listener `listen` installs: each gets a JSON error and a closed connection.
 */

/** Sends `bytes` on a connection of its own and reads until the server closes it. */
async function exchange(port: number, bytes: string | Buffer): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(bytes);
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return text;
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine, ...headers] = head.split('\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? '')?.[1]), headers: headers.join('\n').toLowerCase(), body };
}

describe('answerClientError', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('{}'));
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['an unknown method', 'FOO /api/hubs HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a header with a control character', 'GET /api/hubs HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n'],
    ['a request line that is not HTTP', 'hello there\r\n\r\n'],
    ['two Content-Length headers that disagree', 'POST /api/searches HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
  ])('%s gets a JSON 400 and the connection closed', async (_what, bytes) => {
    const answer = parse(await exchange(port, bytes));
    expect(answer.status).toBe(400);
    expect(answer.headers).toContain('content-type: application/json');
    expect(answer.headers).toContain('connection: close');
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(/not well-formed HTTP/), details: [] } });
  });

  it('headers over the parser\'s limit get a JSON 431 naming what to shorten', async () => {
    const answer = parse(await exchange(port, `GET /api/hubs?${'a=1&'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'headers_too_large', message: expect.stringMatching(/shorten the URL or the headers/), details: [] } });
  });

  it('a body longer than its Content-Length: the request is answered, and the rest, read as a request of its own, gets a JSON 400', async () => {
    const text = await exchange(port, 'POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"name": "x"}\r\n\r\n');
    const answers = text.split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(answers).toHaveLength(2);
    expect(parse(answers[0]!).status).toBe(200);
    expect(parse(answers[1]!).status).toBe(400);
    expect(JSON.parse(parse(answers[1]!).body)).toMatchObject({ error: { code: 'bad_request' } });
  });
});
