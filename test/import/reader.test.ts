import { describe, expect, it } from 'vitest';
import { fieldName, isFieldAlias } from '../../server/import/reader.ts';

describe('import field names', () => {
  it('fieldName reads an email column however an export spells it, hyphenated or not, with "Address" or without', () => {
    for (const column of ['Email', 'E-Mail', 'e-mail', 'Email Address', 'E-Mail Address', 'e-mail-address', 'emailAddress']) expect(fieldName(column), column).toBe('email');
  });

  it('fieldName reads the column names recruiting tools and spreadsheets export, and only those naming the field in every export', () => {
    const expected: Record<string, string> = {
      'Full Name': 'name',
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Surname: 'last_name',
      LinkedIn: 'profile_url',
      'LinkedIn URL': 'profile_url',
      'Linkedin Profile URL': 'profile_url',
      Profile: 'profile_url',
      'Current Company': 'current_employer',
      Company: 'current_employer',
      'Job Title': 'current_title',
      'Years of Experience': 'years_experience',
      'Open to Work': 'open_to_work',
      'Lead Source': 'source',
      'Legal basis': 'lawful_basis',
      'LAWFUL  BASIS': 'lawful_basis',
      Headline: 'headline',
      URL: 'url',
    };
    for (const [column, field] of Object.entries(expected)) expect(fieldName(column), column).toBe(field);
    expect(isFieldAlias('Full Name')).toBe(true);
    expect(isFieldAlias(' NAME ')).toBe(false);
    expect(isFieldAlias('Headline')).toBe(false);
  });
});
