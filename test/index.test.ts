import { spawn } from 'node:child_process';
import { type Socket, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../server/config.ts';

/**
 * `listen` in a process of its own (signals end a process), on the suite's
 * Neo4j, saying on stderr once its driver is closed.
 */
const SERVER = `
import { listen } from ${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'server', 'index.ts')).href)};
import { createDatabase } from ${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'server', 'db', 'neo4j.ts')).href)};
import { createLogger } from ${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'server', 'logger.ts')).href)};
const driver = createDatabase({ uri: process.env.TEST_NEO4J_URI, password: process.env.TEST_NEO4J_PASSWORD, username: 'neo4j', database: 'neo4j', source: 'managed:test' });
const db = { ...driver, close: async () => { await driver.close(); process.stderr.write('driver closed\\n'); } };
const running = await listen({ db, logger: createLogger('info') }, { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 60_000 });
process.stderr.write('listening ' + running.url + '\\n');
`;

function startServer() {
  const { uri, password } = inject('neo4j');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TEST_NEO4J_URI: uri, TEST_NEO4J_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** A request still arriving (its headers unfinished), which the shutdown waits for. */
/** The URL the started server says it listens on, once it says so (within 30 s). */
async function listeningUrl(server: ReturnType<typeof startServer>): Promise<string> {
  let url: string | undefined;
  for (let i = 0; i < 300 && !url; i++) {
    url = /listening (http:\/\/\S+)/.exec(server.stderr())?.[1];
    if (!url) await sleep(100);
  }
  expect(url, server.stderr()).toBeDefined();
  return url!;
}

async function requestInFlight(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => {});
  socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}\r\n`);
  return socket;
}

/** Everything the server sends on `socket` until it ends the connection (or `ms` pass). */
function readUntilEnd(socket: Socket, ms: number): Promise<{ text: string; ended: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ text, ended: false }), ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ text, ended: true });
    });
  });
}

describe('listen', () => {
  it('on SIGTERM a keep-alive request in flight is answered with Connection: close and its connection ended, so the process exits long before the timeout', async () => {
    const server = startServer();
    try {
      const { hostname, port } = new URL(await listeningUrl(server));
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.on('error', () => {});
      // Headers complete, body not: the request is being handled when the signal comes.
      socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{`);
      await sleep(300);
      server.child.kill('SIGTERM');
      await sleep(300);
      const answer = readUntilEnd(socket, 5_000);
      socket.write('}');
      const { text, ended } = await answer;
      expect(text).toMatch(/^HTTP\/1\.1 \d{3} /);
      expect(text).toMatch(/\r\nConnection: close\r\n/i);
      expect(ended).toBe(true);
      // The shutdown timeout is a minute: only a connection left open would make it wait.
      const exited = await Promise.race([server.exited, sleep(5_000).then(() => 'still running' as const)]);
      expect(exited).toEqual({ code: 0, signal: null });
      expect(server.stderr()).toContain('driver closed');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 30_000);

  it('answers in JSON what Node refuses before any route runs (an unknown method, headers over the limit)', async () => {
    const server = startServer();
    try {
      const { hostname, port } = new URL(await listeningUrl(server));
      const answer = async (bytes: string) => {
        const socket = connect(Number(port), hostname);
        socket.on('error', () => {});
        await new Promise<void>((resolve) => socket.once('connect', resolve));
        const read = readUntilEnd(socket, 5_000);
        socket.write(bytes);
        return (await read).text;
      };
      const unknown = await answer(`FOO /api/hubs HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      expect(unknown).toMatch(/^HTTP\/1\.1 400 .*\r\nContent-Type: application\/json/s);
      expect(unknown).toMatch(/\{"error":\{"code":"bad_request","message":"[^"]+","details":\[\]\}\}$/);
      const long = await answer(`GET /api/hubs?${'skills=x&'.repeat(3000)} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      expect(long).toMatch(/^HTTP\/1\.1 431 .*\{"error":\{"code":"headers_too_large"/s);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 30_000);

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'a second %s while in-flight requests drain cuts them, closes the driver and exits 0 with its log written',
    async (signal) => {
      const server = startServer();
      try {
        const socket = await requestInFlight(await listeningUrl(server));
        server.child.kill(signal);
        await sleep(500);
        // Draining: the request may take up to the shutdown timeout (a minute here).
        expect(server.child.exitCode).toBeNull();
        server.child.kill(signal);
        // Long before the minute the shutdown would otherwise wait (the test's own limit is 30 s).
        expect(await server.exited).toEqual({ code: 0, signal: null });
        expect(server.stderr()).toContain('driver closed');
        expect(server.stdout()).toMatch(/"msg":"shutting down"/);
        expect(server.stdout()).toMatch(/"msg":"signalled again: cutting in-flight requests"/);
        socket.destroy();
      } finally {
        server.child.kill('SIGKILL');
      }
    },
    30_000,
  );
});
