import { describe, expect, it } from 'vitest';
import { fieldName } from '../../server/import/reader.ts';

describe('import field names', () => {
  it('fieldName reads an email column however an export spells it, hyphenated or not, with "Address" or without', () => {
    for (const column of ['Email', 'E-Mail', 'e-mail', 'Email Address', 'E-Mail Address', 'e-mail-address', 'emailAddress']) expect(fieldName(column), column).toBe('email');
  });
});
