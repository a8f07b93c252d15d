// The candidates an import batch refers to, by normalised profile URL or email (each
// uniquely constrained) or by the id a new candidate would get, with the row hashes
// already applied to each: enough to tell new, changed and unchanged rows apart.
// Each list of keys is one index seek over all its values, not three seeks per row
// under OPTIONAL MATCH: about half the time for a batch of 1,000 rows. The
// repository pairs each candidate found with the rows whose keys it holds.
CALL () {
  MATCH (c:Candidate) WHERE c.id IN $ids RETURN c
  UNION
  MATCH (c:Candidate) WHERE c.profileKey IN $profileKeys RETURN c
  UNION
  MATCH (c:Candidate) WHERE c.emailKey IN $emailKeys RETURN c
}
RETURN c.id AS id, c.profileKey AS profileKey, c.emailKey AS emailKey, coalesce(c.importHashes, []) AS importHashes
