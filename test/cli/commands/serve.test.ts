import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../server/config.ts';
import { applySchema } from '../../../server/db/schema.ts';
import { clearGraph } from '../../support/db.ts';
import { GraphSpecBuilder } from '../../support/graph.ts';
import { ownInstance } from '../../support/own-instance.ts';
import { CSV_HEADER } from '../../support/import.ts';

/**
 * `atlas serve` as a process, against a database of its own that is down when
 * the server starts: it serves anyway (health 503, routes 503), prepares the
 * database when it returns (first run: the admin token, printed once and kept
 * for the browser), and on SIGTERM lets an in-flight request finish before
 * exiting.
 */

const instance = ownInstance('faults');

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const ATLAS_SERVE: [string, string[]] = [process.execPath, [path.join(PROJECT_ROOT, 'server', 'cli', 'atlas.mjs'), 'serve', '--no-build', '--port', '0']];

/**
 * Starts the server (`atlas serve`, or another command that runs it) and waits until it listens.
 * `ownGroup`: in a process group of its own, which `killGroup` can end whole.
 */
async function serve(extraEnv: Record<string, string>, [command, args] = ATLAS_SERVE, ownGroup = false): Promise<Served> {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    detached: ownGroup,
    env: { ...process.env, LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 600; i++) {
    const match = /serving on (http:\/\/\S+)/.exec(stderr);
    if (match) return { child, url: match[1]!, stderr: () => stderr, exited };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  if (ownGroup) killGroup(child);
  else child.kill('SIGKILL');
  throw new Error(`atlas serve did not start:\n${stderr}`);
}

/** Ends every process of the child's group (one started with `ownGroup`), whatever is left of it. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

describe('atlas serve', () => {
  let uri: string;
  let password: string;
  const stateDir = mkdtempSync(path.join(tmpdir(), 'atlas-serve-'));
  beforeAll(async () => {
    const started = await instance.start();
    ({ uri, password } = started);
    const db = started.connect();
    await applySchema(db);
    await clearGraph(db);
    // Not empty (so no demo world is seeded), but without users: a first run.
    await new GraphSpecBuilder().node('Hub', { id: 'oxford', name: 'Oxford', countryCode: 'GB', catchmentKm: 40 }).write(db);
    await db.close();
    await instance.stop();
  }, 240_000);
  afterAll(async () => {
    await instance.stop();
  }, 120_000);

  it('atlas serve starts with its database down, answers 503, prepares the database and prints the first admin token when it returns, and drains on SIGTERM', async () => {
    const served = await serve({ NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password, ATLAS_STATE_DIR: stateDir, ATLAS_SHUTDOWN_TIMEOUT_S: '20' });
    try {
      const health = await fetch(`${served.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', database: { reachable: false } });
      const someToken = `ta_${'0'.repeat(16)}_${'A'.repeat(43)}`;
      const down = await fetch(`${served.url}/api/hubs`, { headers: { Authorization: `Bearer ${someToken}` } });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect((await fetch(`${served.url}/api/hubs`)).status).toBe(401);
      expect(served.stderr()).toMatch(/unreachable.*Serving anyway/);

      await instance.start();
      let token: string | undefined;
      for (let i = 0; i < 300 && !token; i++) {
        token = /#token=(ta_[0-9a-f]{16}_[A-Za-z0-9_-]{43})/.exec(served.stderr())?.[1];
        if (!token) await sleep(100);
      }
      expect(token, served.stderr()).toBeDefined();
      expect(served.stderr()).toContain(`${served.url}/#token=${token}`);
      expect(served.stderr()).toMatch(/First run: created the user "admin"/);
      // The state folder here is outside the checkout, so no .gitignore covers the token file.
      expect(served.stderr()).toMatch(/admin-token \(readable by you alone\)/);
      expect(statSync(path.join(stateDir, 'dev', 'admin-token')).mode & 0o077).toBe(0);
      expect(readFileSync(path.join(stateDir, 'dev', 'admin-token'), 'utf8').trim()).toBe(token);
      const me = await fetch(`${served.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ name: 'admin', role: 'admin' });

      // An import whose body is still arriving when SIGTERM comes is finished and answered.
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(`${CSV_HEADER}\n`));
          await released;
          controller.enqueue(new TextEncoder().encode('Ada Lovelace,ada@example.org,,Oxford,,,,,,senior,10,no,referral,consent\n'));
          controller.close();
        },
      });
      const inFlight = fetch(`${served.url}/api/import?dryRun=true`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
        body,
        duplex: 'half',
      } as RequestInit);
      await sleep(500);
      served.child.kill('SIGTERM');
      await sleep(500);
      await expect(fetch(`${served.url}/api/health`)).rejects.toThrow();
      release();
      const answered = await inFlight;
      expect(answered.status, await answered.clone().text()).toBe(200);
      expect(await answered.json()).toMatchObject({ dryRun: true, rows: { read: 1 } });
      expect(await served.exited).toBe(0);
    } finally {
      served.child.kill('SIGKILL');
    }

    // A second start finds the admin and only says where the token is kept.
    const again = await serve({ NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password, ATLAS_STATE_DIR: stateDir });
    try {
      for (let i = 0; i < 50 && !/Sign in with the token in/.test(again.stderr()); i++) await sleep(100);
      expect(again.stderr()).toMatch(/Sign in with the token in .*admin-token/);
      expect(again.stderr()).not.toMatch(/#token=/);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 300_000);
});

describe('npm start', () => {
  it('stops the server with it on SIGTERM (a service manager signals npm, not the server it started)', async () => {
    // npm runs the script through sh; were sh left between them, the signal would end sh and orphan the server.
    // A database nothing answers for: the server serves anyway (503s), which is all this needs.
    // In a group of its own, so that whatever happens the test leaves no server behind (killGroup).
    const npm = await serve({ NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'x' }, ['npm', ['start', '--silent', '--', '--no-build', '--port', '0']], true);
    try {
      const url = npm.url;
      expect((await fetch(`${url}/api/health`)).status).toBe(503);

      // npm alone is signalled, as a service manager does, not its group.
      npm.child.kill('SIGTERM');
      await npm.exited;
      // The server is gone with npm: its port refuses, rather than answering from an orphaned process.
      let answered = true;
      for (let i = 0; i < 100 && answered; i++) {
        answered = await fetch(`${url}/api/health`).then(
          () => true,
          () => false,
        );
        if (answered) await sleep(100);
      }
      expect(answered, npm.stderr()).toBe(false);
    } finally {
      killGroup(npm.child);
    }
  }, 120_000);
});
