import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { addUser, createUserToken } from '../../server/services/users.service.ts';
import { testDatabase } from './db.ts';

/**
 * Signed-in requests for route tests: a real user of the role with a real
 * token, written to the test database through the users service, so every
 * request passes the same access check as in production.
 *
 * Tokens live in the graph: a test file that clears the graph (clearGraph,
 * buildExplorerWorld) before each test signs in after clearing.
 */

export type Agent = TestAgent;

/** Creates a user of `role` with a fresh token and returns the token. */
export async function tokenFor(db: Database, role: Role, name = `${role}-${randomUUID().slice(0, 8)}`): Promise<string> {
  const user = await addUser(db, { name, role, now: new Date() });
  return (await createUserToken(db, { user: user.id, now: new Date() })).token;
}

/** A supertest agent that sends `token` with every request. */
/** A well-formed token that no user holds, the `i`-th of a series (for refused sign-ins). */
export const forgedToken = (i: number) => `ta_${'0'.repeat(15)}${i % 10}_${'A'.repeat(42)}${String.fromCharCode(65 + (i % 26))}`;

export function withToken(app: Express, token: string): Agent {
  return request.agent(app).set('Authorization', `Bearer ${token}`);
}

/** A supertest agent signed in as a new user of `role`. */
export async function authedAgent(app: Express, db: Database, role: Role): Promise<Agent> {
  return withToken(app, await tokenFor(db, role));
}

/** Signed-in agents of every role, for tests that walk the role matrix. */
export async function agentsByRole(app: Express, db: Database): Promise<Record<Role, Agent>> {
  return { viewer: await authedAgent(app, db, 'viewer'), sourcer: await authedAgent(app, db, 'sourcer'), admin: await authedAgent(app, db, 'admin') };
}

/** A hand-built world as a describe block's tests use it. */
export interface UsedWorld {
  db: Database;
  app: Express;
  /** A sourcer's agent. */
  api: Agent;
}

/**
 * The set-up of a describe block on a hand-built world: `build` run on the
 * test database, the app on `clock` and a sourcer's agent, filled in before
 * its tests run; the database closed after them.
 */
export function useWorld(build: (db: Database) => Promise<void>, clock: () => Date): UsedWorld {
  const world = {} as UsedWorld;
  beforeAll(async () => {
    world.db = await testDatabase();
    await build(world.db);
    world.app = createApp({ db: world.db, clock });
    world.api = await authedAgent(world.app, world.db, 'sourcer');
  });
  afterAll(async () => {
    await world.db.close();
  });
  return world;
}
