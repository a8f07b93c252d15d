// The candidates an import batch refers to, by normalised profile URL or email (each
// uniquely constrained) or by the id a new candidate would get, with the row hashes
// already applied to each: enough to tell new, changed and unchanged rows apart.
UNWIND $keys AS key
OPTIONAL MATCH (byId:Candidate {id: key.id})
OPTIONAL MATCH (byProfile:Candidate {profileKey: key.profileKey})
OPTIONAL MATCH (byEmail:Candidate {emailKey: key.emailKey})
UNWIND [c IN [byProfile, byEmail, byId] WHERE c IS NOT NULL] AS c
RETURN DISTINCT key.ref AS ref, c.id AS id, coalesce(c.importHashes, []) AS importHashes
