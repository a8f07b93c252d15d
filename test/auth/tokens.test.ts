import { describe, expect, it } from 'vitest';
import { bearerToken, issueToken, parseToken, secretMatches } from '../../server/auth/tokens.ts';

describe('access tokens', () => {
  it('issueToken gives a ta_<id>_<secret> token whose secret only its stored hash and salt verify', async () => {
    const issued = await issueToken();
    expect(issued.token).toMatch(/^ta_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseToken(issued.token)!;
    expect(parsed.id).toBe(issued.id);
    expect(issued.hash).not.toContain(parsed.secret);
    expect(await secretMatches(parsed.secret, issued)).toBe(true);
    expect(await secretMatches(`${parsed.secret.slice(0, -1)}${parsed.secret.endsWith('A') ? 'B' : 'A'}`, issued)).toBe(false);
    const other = await issueToken();
    expect(await secretMatches(parsed.secret, other)).toBe(false);
    expect(other.id).not.toBe(issued.id);
    expect(other.salt).not.toBe(issued.salt);
  });

  it('parseToken refuses anything but the exact format', () => {
    const good = `ta_${'a'.repeat(16)}_${'B'.repeat(43)}`;
    expect(parseToken(good)).toEqual({ id: 'a'.repeat(16), secret: 'B'.repeat(43) });
    for (const bad of ['', 'ta_', good.toUpperCase(), `${good}x`, ` ${good}`, good.replace('ta_', 'tb_'), `ta_${'g'.repeat(16)}_${'B'.repeat(43)}`, "ta_' OR 1=1 --"]) {
      expect(parseToken(bad), bad).toBeUndefined();
    }
  });

  it('bearerToken reads only the Bearer scheme', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    for (const header of [undefined, '', 'Bearer', 'Basic abc', 'Bearer a b', 'Token abc']) expect(bearerToken(header), String(header)).toBeUndefined();
  });
});
