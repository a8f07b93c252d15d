import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../../server/db/neo4j.ts';
import { TokenVerifier } from '../../../server/services/users.service.ts';
import { clearGraph, testDatabase } from '../../support/db.ts';
import { runAtlas } from '../run.ts';

describe('atlas user and atlas token', () => {
  let db: Database;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password };
  });
  afterAll(async () => {
    await db.close();
  });

  it('atlas user add, token create, token ls, token revoke: a token printed once, listed without secrets, refused once revoked', async () => {
    const added = runAtlas(['user', 'add', 'Zoë Ødegård', '--role', 'sourcer', '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Zoë Ødegård', role: 'sourcer', liveTokens: 0 });

    const created = runAtlas(['token', 'create', '--user', 'Zoë Ødegård', '--label', 'laptop'], env);
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^ta_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown this once/);
    expect(await new TokenVerifier(db, 0).verify(token)).toMatchObject({ name: 'Zoë Ødegård', role: 'sourcer' });

    const listed = runAtlas(['token', 'ls', '--json'], env);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ label: 'laptop', userName: 'Zoë Ødegård', revokedAt: null }]);
    expect(listed.stdout).not.toMatch(/hash|salt/);
    expect(listed.stdout).not.toContain(token.slice(20));
    expect(runAtlas(['user', 'ls'], env).stdout).toMatch(/^Zoë Ødegård\tsourcer\t1 live token\t/m);

    // The whole token is accepted in place of its id.
    const revoked = runAtlas(['token', 'revoke', token], env);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(await new TokenVerifier(db, 0).verify(token)).toBeUndefined();
    expect(revoked.stderr).toMatch(/^Revoked token [0-9a-f]{16} of Zoë Ødegård\.\n$/);
    const revokedAt = JSON.parse(runAtlas(['token', 'ls', '--json'], env).stdout)[0].revokedAt;
    expect(revokedAt).toMatch(/^\d{4}-/);
    // Again: nothing changes, and the message says so with the first revocation's time.
    const again = runAtlas(['token', 'revoke', token], env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^Token [0-9a-f]{16} of Zoë Ødegård was already revoked \(.+\); nothing changed\.\n$/);
    expect(JSON.parse(runAtlas(['token', 'ls', '--json'], env).stdout)[0].revokedAt).toBe(revokedAt);
  });

  it('atlas user and token refuse a bad role, a taken name, an unknown user and a malformed id with one line and a non-zero exit', () => {
    const role = runAtlas(['user', 'add', 'bob', '--role', 'boss'], env);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/^atlas: --role must be one of viewer, sourcer, admin, got "boss"\n$/);
    expect(runAtlas(['user', 'add', 'bob', '--role', 'viewer'], env).status).toBe(0);
    const taken = runAtlas(['user', 'add', 'bob', '--role', 'admin'], env);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/^atlas: A user named "bob" exists already\.\n$/);
    const name = runAtlas(['user', 'add', "'; DROP", '--role', 'viewer'], env);
    expect(name.status).toBe(2);
    expect(name.stderr).toMatch(/^atlas: NAME must be letters/);
    const unknown = runAtlas(['token', 'create', '--user', 'nobody'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^atlas: No user "nobody"/);
    const id = runAtlas(['token', 'revoke', 'x'], env);
    expect(id.status).toBe(2);
    expect(id.stderr).toMatch(/^atlas: ID must be a token id/);
    expect(runAtlas(['token', 'revoke', '0123456789abcdef'], env).stderr).toMatch(/^atlas: No token "0123456789abcdef"/);
  });
});
