import { defineQueries } from '../db/cypher.ts';
import { type Database, LEAVES_TALENT_GRAPH } from '../db/neo4j.ts';
import type { Role } from '../auth/roles.ts';

const q = defineQueries(
  'user-create',
  'user-find',
  'users-list',
  'users-exist',
  'token-create',
  'token-find',
  'token-touch',
  'token-revoke',
  'tokens-list',
);

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface UserWithTokens extends UserRow {
  liveTokens: number;
}

export interface TokenRow {
  id: string;
  label: string | null;
  userId: string;
  userName: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface StoredToken {
  hash: string;
  salt: string;
  revoked: boolean;
  userId: string;
  userName: string;
  role: Role;
}

export async function createUser(db: Database, user: UserRow): Promise<UserRow> {
  const [row] = await db.write(q['user-create'], { ...user }, LEAVES_TALENT_GRAPH);
  return row!.user as UserRow;
}

/** A user by id or name. */
export async function findUser(db: Database, ref: string): Promise<UserWithTokens | undefined> {
  const [row] = await db.read(q['user-find'], { ref });
  return row ? { ...(row.user as UserRow), liveTokens: row.liveTokens as number } : undefined;
}

export async function findUsers(db: Database): Promise<UserWithTokens[]> {
  const rows = await db.read(q['users-list']);
  return rows.map((row) => ({ ...(row.user as UserRow), liveTokens: row.liveTokens as number }));
}

export async function anyUserExists(db: Database): Promise<boolean> {
  const [row] = await db.read(q['users-exist']);
  return row?.exist === true;
}

/** Stores a token's hash under its user; false when the user is gone. */
export async function createToken(
  db: Database,
  token: { id: string; userId: string; label: string | null; hash: string; salt: string; createdAt: string },
): Promise<boolean> {
  return (await db.write(q['token-create'], token, LEAVES_TALENT_GRAPH)).length === 1;
}

export async function findToken(db: Database, id: string): Promise<StoredToken | undefined> {
  const [row] = await db.read(q['token-find'], { id });
  return row as StoredToken | undefined;
}

export async function touchToken(db: Database, id: string, at: string): Promise<void> {
  await db.record(q['token-touch'], { id, at });
}

export async function revokeToken(db: Database, id: string, at: string): Promise<{ id: string; userName: string; revokedAt: string } | undefined> {
  const [row] = await db.write(q['token-revoke'], { id, at }, LEAVES_TALENT_GRAPH);
  return row as { id: string; userName: string; revokedAt: string } | undefined;
}

export async function findTokens(db: Database, userId: string | null): Promise<TokenRow[]> {
  return (await db.read(q['tokens-list'], { userId })) as unknown as TokenRow[];
}
