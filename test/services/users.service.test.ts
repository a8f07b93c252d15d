import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { ConflictError, NotFoundError } from '../../server/errors.ts';
import {
  TokenVerifier,
  addUser,
  createUserToken,
  ensureFirstAdmin,
  listTokens,
  listUsers,
  revokeUserToken,
} from '../../server/services/users.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';

const q = defineQueries('graph-properties-all');
const NOW = new Date('2026-01-15T12:00:00Z');

describe('users and tokens', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await clearGraph(db);
  });

  it('addUser refuses a taken name with a conflict naming it', async () => {
    await addUser(db, { name: 'ana', role: 'sourcer', now: NOW });
    await expect(addUser(db, { name: 'ana', role: 'viewer', now: NOW })).rejects.toThrow(ConflictError);
    await expect(addUser(db, { name: 'ana', role: 'viewer', now: NOW })).rejects.toThrow(/"ana"/);
    expect((await listUsers(db)).users).toMatchObject([{ name: 'ana', role: 'sourcer', liveTokens: 0 }]);
  });

  it('createUserToken stores only a hash: the secret appears nowhere in the graph', async () => {
    await addUser(db, { name: 'ana', role: 'sourcer', now: NOW });
    const { token, id } = await createUserToken(db, { user: 'ana', label: 'laptop', now: NOW });
    const secret = token.split('_').slice(2).join('_');
    const rows = await db.read(q['graph-properties-all']);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await listTokens(db, 'ana')).toMatchObject([{ id, label: 'laptop', userName: 'ana', role: 'sourcer', revokedAt: null }]);
    await expect(createUserToken(db, { user: 'nobody', now: NOW })).rejects.toThrow(NotFoundError);
  });

  it('TokenVerifier accepts a live token, refuses a revoked one once the cache lapses, and notes the last use', async () => {
    await addUser(db, { name: 'ana', role: 'viewer', now: NOW });
    const { token, id } = await createUserToken(db, { user: 'ana', now: NOW });
    let clock = NOW.getTime();
    const verifier = new TokenVerifier(db, 30_000, 10, () => clock);
    expect(await verifier.verify(token)).toMatchObject({ name: 'ana', role: 'viewer', tokenId: id });
    expect((await listTokens(db))[0]!.lastUsedAt).toMatch(/^2026-01-15T12:00/);

    await revokeUserToken(db, id, NOW);
    // Revoked elsewhere (another process): trusted until the cached entry lapses, then refused.
    expect(await verifier.verify(token)).toMatchObject({ name: 'ana' });
    clock += 30_001;
    expect(await verifier.verify(token)).toBeUndefined();
    // Revoking again keeps the first revocation time.
    const again = await revokeUserToken(db, id, new Date('2027-01-01T00:00:00Z'));
    expect(again.revokedAt).toMatch(/^2026-01-15/);
  });

  it('TokenVerifier refuses a wrong secret for a real token id even while that token is cached', async () => {
    await addUser(db, { name: 'ana', role: 'admin', now: NOW });
    const { token } = await createUserToken(db, { user: 'ana', now: NOW });
    const verifier = new TokenVerifier(db, 60_000);
    expect(await verifier.verify(token)).toBeDefined();
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifier.verify(forged)).toBeUndefined();
    expect(await verifier.verify('ta_0000000000000000_' + 'A'.repeat(43))).toBeUndefined();
    expect(await verifier.verify('not a token')).toBeUndefined();
  });

  it('TokenVerifier checks one token once however many requests bring it at the same moment', async () => {
    await addUser(db, { name: 'ana', role: 'viewer', now: NOW });
    const { token } = await createUserToken(db, { user: 'ana', now: NOW });
    const verifier = new TokenVerifier(db, 60_000);
    const users = await Promise.all(Array.from({ length: 50 }, () => verifier.verify(token)));
    expect(new Set(users).size).toBe(1);
    expect(users[0]).toMatchObject({ name: 'ana' });
  });

  it('ensureFirstAdmin creates an admin with a token on a database without users, and nothing after', async () => {
    const first = await ensureFirstAdmin(db, NOW);
    expect(first?.user).toMatchObject({ name: 'admin', role: 'admin' });
    expect(await new TokenVerifier(db, 0).verify(first!.token)).toMatchObject({ role: 'admin' });
    expect(await ensureFirstAdmin(db, NOW)).toBeUndefined();
    expect((await listUsers(db)).users).toHaveLength(1);
  });
});
