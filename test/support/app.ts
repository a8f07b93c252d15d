import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Role } from '../../server/auth/roles.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { addUser, createUserToken } from '../../server/services/users.service.ts';

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
