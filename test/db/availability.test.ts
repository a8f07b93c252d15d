import { setTimeout as sleep } from 'node:timers/promises';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseAvailability, isConnectionLoss } from '../../server/db/availability.ts';
import { type Database, classifyDbError, createDatabase } from '../../server/db/neo4j.ts';
import { applySchema } from '../../server/db/schema.ts';
import { type RunningServer, listen } from '../../server/index.ts';
import { createLogger } from '../../server/logger.ts';
import { checkHealth } from '../../server/services/health.service.ts';
import { tokenFor } from '../support/app.ts';
import { buildExplorerWorld } from '../support/explorer-world.ts';
import { type StartedInstance, ownInstance } from '../support/own-instance.ts';

/**
 * The server against a database that goes away and comes back, for real: a
 * managed instance of its own (small heap), stopped and started under a
 * running server. The instance keeps its port across the restart, so the
 * server's driver reconnects without being told anything.
 */

const instance = ownInstance('faults');
/** The bound: the server answers again within 5 s of the database's return. */
const RECOVERY_MS = 5_000;

async function get(server: RunningServer, path: string, token?: string): Promise<{ status: number; body: any; retryAfter: string | null }> {
  const res = await fetch(`${server.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

/** Polls `path` until it answers 200 or `ms` pass; returns how long it took, or throws with every answer seen. */
async function answersWithin(ms: number, server: RunningServer, path: string, token: string): Promise<number> {
  const started = Date.now();
  const seen: string[] = [];
  for (;;) {
    const sent = Date.now();
    const { status } = await get(server, path, token);
    seen.push(`${sent - started}ms:${status}(${Date.now() - sent}ms)`);
    if (status === 200 && Date.now() - started <= ms) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`${path} did not answer 200 within ${ms} ms: ${seen.join(' ')}`);
    await sleep(100);
  }
}

/** A driver error as the driver makes them; its `newError` gives code 'N/A' when none is given. */
const newError = (message: string, code = 'N/A') => new Neo4jError(message, code, '50N42', 'error: general processing exception');

describe('isConnectionLoss', () => {
  it('isConnectionLoss takes a lost connection for an outage, and neither a busy pool nor a transient error', () => {
    expect(isConnectionLoss(newError('Failed to connect to server', 'ServiceUnavailable'))).toBe(true);
    expect(isConnectionLoss(newError('Connection closed', 'SessionExpired'))).toBe(true);
    // What the driver throws when no pooled connection frees up in time: the database is busy, not gone.
    expect(isConnectionLoss(newError('Connection acquisition timed out in 10000 ms.'))).toBe(false);
    expect(isConnectionLoss(newError('Deadlock', 'Neo.TransientError.Transaction.DeadlockDetected'))).toBe(false);
    expect(isConnectionLoss(new Error('ServiceUnavailable'))).toBe(false);
  });
});

describe('the server while the database goes away and comes back', () => {
  let started: StartedInstance;
  let password: string;
  let db: Database;
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    started = await instance.start();
    ({ password } = started);
    db = started.connect();
    await applySchema(db);
    await buildExplorerWorld(db);
    token = await tokenFor(db, 'sourcer');
    server = await listen({ db, logger: createLogger('silent'), security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } }, { host: '127.0.0.1', port: 0 });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await instance.stop();
  }, 120_000);

  it('a database lost under a running server: health and routes answer 503 with Retry-After, writes are whole or absent, and it recovers within 5 s of the return', async () => {
    expect((await get(server, '/api/hubs', token)).status).toBe(200);

    // Writes keep coming while the database stops: each either completes whole or answers 503.
    const created: string[] = [];
    const statuses: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const res = await fetch(`${server.url}/api/searches`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: `Mandate ${i}`, client: 'Acme', hubs: ['oxford', 'munich'], requiredSkills: ['seg', 'pytorch'], seniority: ['senior'], sectors: [], targetEmployers: [], targetDays: 60 }),
        });
        statuses.push(res.status);
        if (res.status === 201) created.push(((await res.json()) as { id: string }).id);
        else await res.arrayBuffer();
      }
    })();
    await sleep(300);
    await instance.stop();

    const health = await get(server, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', database: { reachable: false } });
    expect(health.retryAfter).toBe('5');
    for (let i = 0; i < 30 && (await get(server, '/api/hubs', token)).status !== 503; i++) await sleep(100);
    const down = await get(server, '/api/hubs', token);
    expect(down.body.error).toMatchObject({ code: 'database_unavailable' });
    expect(Number(down.retryAfter)).toBeGreaterThan(0);
    expect(JSON.stringify(down.body)).not.toMatch(/bolt:|Neo4jError|ServiceUnavailable/);
    writing = false;
    await writer;
    expect(statuses.every((s) => s === 201 || s === 503), statuses.join(',')).toBe(true);
    expect(statuses).toContain(503);

    await instance.start();
    // The bound is on the server noticing (a light query; the token may also be checked against the
    // database again); a heavy first query on a cold database may take longer by itself.
    const recovered = await answersWithin(RECOVERY_MS, server, '/api/team-members', token);
    expect(recovered).toBeLessThanOrEqual(RECOVERY_MS);
    expect((await get(server, '/api/hubs', token)).status).toBe(200);
    expect((await get(server, '/api/health')).status).toBe(200);

    // Every mandate the server said it created is there whole; no other is there at all, or only whole.
    const list = await get(server, '/api/searches', token);
    const ids = (list.body.items as { id: string }[]).map((s) => s.id);
    for (const id of created) expect(ids).toContain(id);
    for (const id of ids) {
      const detail = await get(server, `/api/searches/${id}`, token);
      expect(detail.body.hubs.map((h: { id: string }) => h.id).sort()).toEqual(['munich', 'oxford']);
      expect(detail.body.requiredSkills.map((s: { id: string }) => s.id).sort()).toEqual(['pytorch', 'seg']);
    }
  }, 240_000);

  it('a server started while the database is down answers 503 (health says unreachable) and recovers within 5 s of its return', async () => {
    await instance.stop();
    const lateDb = started.connect();
    const late = await listen({ db: lateDb, logger: createLogger('silent') }, { host: '127.0.0.1', port: 0 });
    try {
      const health = await get(late, '/api/health');
      expect(health).toMatchObject({ status: 503, body: { database: { reachable: false } } });
      const down = await get(late, '/api/taxonomy', token);
      expect(down.status).toBe(503);
      expect(Number(down.retryAfter)).toBeGreaterThan(0);
      expect((await get(late, '/api/taxonomy')).status).toBe(401);

      await instance.start();
      const recovered = await answersWithin(RECOVERY_MS, late, '/api/team-members', token);
      expect(recovered).toBeLessThanOrEqual(RECOVERY_MS);
      expect((await get(late, '/api/health')).status).toBe(200);
    } finally {
      await late.close();
    }
  }, 240_000);

  it('a database that refuses the server’s credentials is probed only every authRetryMs and health does not log in meanwhile, so the right password still gets in', async () => {
    // A real driver with a wrong password, its logins counted: Neo4j locks a user for everyone after
    // three failed logins in a row, so a probe each 20 ms would lock out the right password too.
    const wrong = started.connect('not-the-password');
    let logins = 0;
    const counted: Database = { ...wrong, verify: () => (logins++, wrong.verify()) };
    const refusal = await counted.verify().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(classifyDbError(refusal)).toBe('auth');
    const availability = new DatabaseAvailability(counted, { probeMs: 20, authRetryMs: 60_000 });
    try {
      availability.markDown(refusal);
      await sleep(500);
      for (let i = 0; i < 5; i++) {
        expect(await checkHealth(counted, availability)).toEqual({ status: 'unavailable', database: { reachable: false, error: 'The database refused the server’s credentials.' } });
      }
      expect(logins).toBe(1);
      expect(availability.down).toBe(true);
      const right = started.connect();
      try {
        await expect(right.verify()).resolves.toBeUndefined();
      } finally {
        await right.close();
      }
    } finally {
      availability.stop();
      await wrong.close();
    }

    // A lost connection is still probed at once and often: it may be back any moment.
    const gone = createDatabase({ uri: 'bolt://127.0.0.1:9', password, username: 'neo4j', database: 'neo4j', source: 'env' });
    let probes = 0;
    const outage = new DatabaseAvailability({ ...gone, verify: () => (probes++, gone.verify()) }, { probeMs: 20, authRetryMs: 60_000 });
    try {
      outage.markDown(await gone.verify().catch((error: unknown) => error));
      await sleep(500);
      expect(probes).toBeGreaterThan(3);
    } finally {
      outage.stop();
      await gone.close();
    }
  }, 60_000);
});
