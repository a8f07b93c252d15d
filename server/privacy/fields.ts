/**
 * What the Candidate properties are, for privacy purposes: contact details
 * (a way to reach the person; withheld from roles that may not see them and
 * hashed onto the suppression list at erasure) and provenance (where the data
 * came from, on what basis, and when the person was told).
 */

export const CONTACT_PROPERTIES = ['email', 'emailKey', 'profileUrl', 'profileKey'] as const;

export const PROVENANCE_PROPERTIES = [
  'sources',
  'lawfulBasis',
  'obtainedAt',
  'informedAt',
  'informedHow',
  'firstContactAt',
  'lastContactAt',
] as const;
