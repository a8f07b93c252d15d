import { createHmac, randomBytes } from 'node:crypto';
import { InvalidIdentityError, normaliseEmail, normaliseProfileUrl } from '../domain/identity.ts';

/**
 * The suppression list: what is left of an erased person is a keyed hash
 * (HMAC-SHA256 with a per-installation salt) of each normalised identifier
 * (email key, profile key), so a later import of the same person is refused
 * without the list holding their address. The salt lives in the database
 * (`(:Installation {key: 'suppression-salt'})`); without it the hashes cannot
 * be matched against a guessed address.
 */

export const SUPPRESSION_REASON = 'erased on request (suppression list)';

export function newSalt(): string {
  return randomBytes(32).toString('base64url');
}

export interface IdentityKeys {
  emailKey: string | null;
  profileKey: string | null;
  /**
   * The same profile link's key under other rules (server/domain/identity.ts):
   * on import, what earlier rules made of it, since a person erased back then is
   * listed under that; on erasure, what today's rules make of a link stored
   * under earlier ones. Hashed beside profileKey.
   */
  otherProfileKeys?: readonly string[];
  /** Emails the person held before (an erased candidate's former identifiers). Hashed beside emailKey. */
  otherEmailKeys?: readonly string[];
}

/** One hash per identifier (and per form of a profile key); the kind is part of the hashed text, so an email and a URL never collide. */
export function suppressionHashes(salt: string, keys: IdentityKeys): string[] {
  const hash = (text: string) => createHmac('sha256', salt).update(text, 'utf8').digest('hex');
  const present = (list: (string | null)[]) => [...new Set(list)].filter((k): k is string => Boolean(k));
  const emailKeys = present([keys.emailKey, ...(keys.otherEmailKeys ?? [])]);
  const profileKeys = present([keys.profileKey, ...(keys.otherProfileKeys ?? [])]);
  return [...emailKeys.map((k) => hash(`email:${k}`)), ...profileKeys.map((k) => hash(`profile:${k}`))];
}

/**
 * A stored candidate's identity keys; a record stored without its keys has them
 * derived from the raw values. `formerKeys` (the graph's former identifiers,
 * 'p:' or 'e:' and the key) join the other keys.
 */
export function identityKeysOf(candidate: {
  email: string | null;
  emailKey: string | null;
  profileUrl: string | null;
  profileKey: string | null;
  formerKeys?: readonly string[];
}): IdentityKeys {
  const derive = (raw: string | null, normalise: (raw: string) => string) => {
    if (raw === null) return null;
    try {
      return normalise(raw);
    } catch (error) {
      if (error instanceof InvalidIdentityError) return null;
      throw error;
    }
  };
  const current = derive(candidate.profileUrl, normaliseProfileUrl);
  const profileKey = candidate.profileKey ?? current;
  const former = (prefix: string) => (candidate.formerKeys ?? []).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const otherProfileKeys = [...(current !== null && current !== profileKey ? [current] : []), ...former('p:')];
  const otherEmailKeys = former('e:');
  return {
    emailKey: candidate.emailKey ?? derive(candidate.email, normaliseEmail),
    profileKey,
    ...(otherProfileKeys.length > 0 && { otherProfileKeys }),
    ...(otherEmailKeys.length > 0 && { otherEmailKeys }),
  };
}
