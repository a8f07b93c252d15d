import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/neo4j.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type Role, isRole } from '../auth/roles.ts';
import { issueToken, parseToken, secretMatches } from '../auth/tokens.ts';
import {
  anyUserExists,
  createToken as storeToken,
  createUser,
  findToken,
  findTokens,
  findUser,
  findUsers,
  revokeToken as markRevoked,
  touchToken,
} from '../repositories/users.repository.ts';
import { classifyDbError } from '../db/neo4j.ts';
import type { RevokedTokenSchema, Token, User, UsersResponse } from '../schemas/users.schema.ts';
import type { z } from 'zod';

/**
 * Users, their roles and their bearer tokens. A token is shown once, when it
 * is created; the graph keeps its scrypt hash only.
 */

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  tokenId: string;
}

export async function addUser(db: Database, { name, role, now }: { name: string; role: Role; now: Date }): Promise<User> {
  try {
    const user = await createUser(db, { id: randomUUID(), name, role, createdAt: now.toISOString() });
    return { ...user, liveTokens: 0 };
  } catch (error) {
    if (classifyDbError(error) === 'constraint') throw new ConflictError(`A user named "${name}" exists already.`, [{ field: 'name', value: name }]);
    throw error;
  }
}

export async function createUserToken(
  db: Database,
  { user: ref, label = null, now }: { user: string; label?: string | null; now: Date },
): Promise<{ token: string; id: string; user: User }> {
  const user = await findUser(db, ref);
  if (!user) throw new NotFoundError(`No user "${ref}" (give a name or id; \`atlas user ls\` lists them).`, [{ field: 'user', value: ref }]);
  const issued = await issueToken();
  const stored = await storeToken(db, { id: issued.id, userId: user.id, label, hash: issued.hash, salt: issued.salt, createdAt: now.toISOString() });
  if (!stored) throw new NotFoundError(`User "${ref}" was removed meanwhile.`, [{ field: 'user', value: ref }]);
  return { token: issued.token, id: issued.id, user: { ...user, liveTokens: user.liveTokens + 1 } };
}

export async function revokeUserToken(db: Database, id: string, now: Date): Promise<z.infer<typeof RevokedTokenSchema>> {
  const revoked = await markRevoked(db, id, now.toISOString());
  if (!revoked) throw new NotFoundError(`No token "${id}".`, [{ field: 'id', value: id }]);
  return revoked;
}

export async function listUsers(db: Database): Promise<UsersResponse> {
  const [users, tokens] = await Promise.all([findUsers(db), findTokens(db, null)]);
  return { users, tokens };
}

export async function listTokens(db: Database, userRef?: string): Promise<Token[]> {
  if (userRef === undefined) return findTokens(db, null);
  const user = await findUser(db, userRef);
  if (!user) throw new NotFoundError(`No user "${userRef}".`, [{ field: 'user', value: userRef }]);
  return findTokens(db, user.id);
}

/**
 * The first admin, on a database without users: what `atlas serve` does on a
 * first run so the quick start needs no extra step. Undefined when users exist.
 */
export async function ensureFirstAdmin(db: Database, now: Date): Promise<{ token: string; user: User } | undefined> {
  if (await anyUserExists(db)) return undefined;
  await addUser(db, { name: 'admin', role: 'admin', now });
  const { token, user } = await createUserToken(db, { user: 'admin', label: 'first run', now });
  return { token, user };
}

interface CachedToken {
  /** The token's secret, compared in constant time with the one a request presents. */
  secret: Buffer;
  user: AuthUser;
  expiresAt: number;
}

/**
 * Checks bearer tokens. scrypt costs tens of milliseconds by design, so a
 * verified token is remembered for `ttlMs` (keyed by its id, its secret
 * compared in constant time): a revocation through this process takes effect
 * at once, one made elsewhere (the CLI) within `ttlMs`. A token's role is read
 * with it, so a role change also applies within `ttlMs`. The cache holds a
 * secret in memory no longer than `ttlMs`, as each request holding it does
 * while it runs; the database holds only its scrypt hash. (It held a SHA-256
 * digest instead: hashing on every request cost the access gate about 6 µs of
 * CPU, a tenth of all it adds to a request.)
 */
export class TokenVerifier {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<AuthUser | undefined>>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The user a token names, from the cache when it was verified within the
   * cache's time, else from the database. A cache hit is answered without a
   * promise, so the access gate of every request does not wait a turn for it.
   */
  verify(token: string): AuthUser | undefined | Promise<AuthUser | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    // Every well-formed secret has the same length (parseToken), as timingSafeEqual requires.
    const secret = Buffer.from(parsed.secret);
    const cached = this.cache.get(parsed.id);
    if (cached && cached.expiresAt > this.clock()) {
      if (timingSafeEqual(cached.secret, secret)) return cached.user;
    }
    // Requests with the same token while it is checked share the one check.
    let check = this.pending.get(token);
    if (!check) {
      check = this.check(parsed.id, parsed.secret, secret).finally(() => this.pending.delete(token));
      this.pending.set(token, check);
    }
    return check;
  }

  /** Whether the token was verified lately (a cache hit), answered without the database and in constant time. */
  isVerified(token: string): boolean {
    const parsed = parseToken(token);
    const cached = parsed && this.cache.get(parsed.id);
    return cached !== undefined && cached.expiresAt > this.clock() && timingSafeEqual(cached.secret, Buffer.from(parsed!.secret));
  }

  /**
   * Whether the token is being checked now: the requests that present it meanwhile share that one
   * check, so they cost no hash of their own (a client's first burst after the cache expired).
   */
  isChecking(token: string): boolean {
    return this.pending.has(token);
  }

  /** Forgets a token (after a revocation through this process). */
  forget(tokenId: string): void {
    this.cache.delete(tokenId);
  }

  private async check(id: string, secret: string, secretBytes: Buffer): Promise<AuthUser | undefined> {
    const stored = await findToken(this.db, id);
    if (!stored || stored.revoked || !isRole(stored.role)) {
      this.cache.delete(id);
      return undefined;
    }
    if (!(await secretMatches(secret, stored))) return undefined;
    const now = this.clock();
    await touchToken(this.db, id, new Date(now).toISOString());
    const user: AuthUser = { id: stored.userId, name: stored.userName, role: stored.role, tokenId: id };
    if (this.ttlMs > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(id, { secret: secretBytes, user, expiresAt: now + this.ttlMs });
    }
    return user;
  }
}
