// Revokes token $id (kept, marked with when, so `token ls` still shows it).
// Revoking a revoked token keeps its first revocation time.
MATCH (u:User)-[:HAS_TOKEN]->(t:Token {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, datetime($at))
RETURN t.id AS id, u.name AS userName, toString(t.revokedAt) AS revokedAt
