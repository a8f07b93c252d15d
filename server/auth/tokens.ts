import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Access tokens: `ta_<id>_<secret>`. The id (16 lower-case hex characters) is
 * how a token is found; the secret (32 random bytes, base64url) is stored only
 * as its scrypt hash with a per-token salt, and checked in constant time.
 */

export const TOKEN_PREFIX = 'ta_';
const TOKEN_PATTERN = /^ta_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const KEY_LENGTH = 32;
/** scrypt cost (N = 2^14, r = 8, p = 1: OWASP's minimum for scrypt; ~30 ms here, which the verified-token cache pays once). */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export interface IssuedToken {
  /** The whole token, shown once. */
  token: string;
  id: string;
  hash: string;
  salt: string;
}

export interface ParsedToken {
  id: string;
  secret: string;
}

function hashSecret(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function issueToken(): Promise<IssuedToken> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await hashSecret(secret, salt);
  return { token: `${TOKEN_PREFIX}${id}_${secret}`, id, hash: hash.toString('base64'), salt: salt.toString('base64') };
}

/** The id and secret of a well-formed token; undefined for anything else. */
export function parseToken(token: string): ParsedToken | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/** Whether `secret` hashes to the stored hash, compared in constant time. */
export async function secretMatches(secret: string, stored: { hash: string; salt: string }): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await hashSecret(secret, Buffer.from(stored.salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The bearer token of an Authorization header value, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match?.[1];
}
