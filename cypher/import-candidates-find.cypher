// The candidates an import batch refers to, by normalised profile URL or email (each
// uniquely constrained), by the id a new candidate would get, or by an identifier a
// candidate held before (a replaced email or profile link, or one a merged-away
// duplicate held; one may be current again: $formerKeys, each 'p:' or 'e:' and the key), with the row hashes
// already applied to each and the former identifiers each holds: enough to tell new,
// changed and unchanged rows apart. Each list of keys is one index seek over all its
// values, not three seeks per row under OPTIONAL MATCH: about half the time for a
// batch of 1,000 rows. The repository pairs each candidate found with the rows whose
// keys it holds, a former identifier only where a row's current ones find nobody.
CALL () {
  MATCH (c:Candidate) WHERE c.id IN $ids RETURN c
  UNION
  MATCH (c:Candidate) WHERE c.profileKey IN $profileKeys RETURN c
  UNION
  MATCH (c:Candidate) WHERE c.emailKey IN $emailKeys RETURN c
  UNION
  MATCH (f:FormerIdentifier) WHERE f.key IN $formerKeys
  MATCH (c:Candidate)-[:HAD_IDENTIFIER]->(f)
  RETURN c
}
RETURN c.id AS id, c.profileKey AS profileKey, c.emailKey AS emailKey, coalesce(c.importHashes, []) AS importHashes,
  COLLECT { MATCH (c)-[:HAD_IDENTIFIER]->(f:FormerIdentifier) RETURN f.key ORDER BY f.key } AS formerKeys
