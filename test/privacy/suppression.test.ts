import { describe, expect, it } from 'vitest';
import { identityKeysOf, newSalt, suppressionHashes } from '../../server/privacy/suppression.ts';

describe('privacy/suppression', () => {
  it('suppressionHashes gives one keyed hash per identifier, the same for the same salt, never the identifier itself', () => {
    const salt = newSalt();
    const keys = { emailKey: 'ada@example.org', profileKey: 'linkedin.com/in/ada' };
    const hashes = suppressionHashes(salt, keys);
    expect(hashes).toHaveLength(2);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(suppressionHashes(salt, keys)).toEqual(hashes);
    expect(suppressionHashes(newSalt(), keys)).not.toEqual(hashes);
    expect(suppressionHashes(salt, { emailKey: 'ada@example.org', profileKey: null })).toEqual([hashes[0]]);
    // The kind is hashed too: the same text as an email and as a profile key differs.
    expect(suppressionHashes(salt, { emailKey: 'x', profileKey: null })).not.toEqual(suppressionHashes(salt, { emailKey: null, profileKey: 'x' }));
  });

  it('identityKeysOf keeps stored keys and derives missing ones from the raw e-mail and URL as the importer normalises them', () => {
    expect(identityKeysOf({ email: 'Ada@Example.ORG', emailKey: null, profileUrl: 'https://www.LinkedIn.com/in/Ada/?utm_source=x', profileKey: null })).toEqual({
      emailKey: 'ada@example.org',
      profileKey: 'linkedin.com/in/ada',
    });
    expect(identityKeysOf({ email: null, emailKey: 'kept@example.org', profileUrl: 'javascript:alert(1)', profileKey: null })).toEqual({ emailKey: 'kept@example.org', profileKey: null });
  });

  it('identityKeysOf of a record stored under earlier rules adds the key today\'s rules give its link, and suppressionHashes hashes both forms once each', () => {
    const keys = identityKeysOf({ email: null, emailKey: null, profileUrl: 'https://de.linkedin.com/in/ada', profileKey: 'de.linkedin.com/in/ada' });
    expect(keys).toEqual({ emailKey: null, profileKey: 'de.linkedin.com/in/ada', otherProfileKeys: ['linkedin.com/in/ada'] });
    const salt = newSalt();
    const both = suppressionHashes(salt, keys);
    expect(both).toHaveLength(2);
    expect(both).toEqual([
      ...suppressionHashes(salt, { emailKey: null, profileKey: 'de.linkedin.com/in/ada' }),
      ...suppressionHashes(salt, { emailKey: null, profileKey: 'linkedin.com/in/ada' }),
    ]);
    expect(suppressionHashes(salt, { emailKey: null, profileKey: 'linkedin.com/in/ada', otherProfileKeys: ['linkedin.com/in/ada'] })).toHaveLength(1);
  });
});
