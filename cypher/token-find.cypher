// The token with lookup id $id and its user, for checking a presented secret
// against the stored hash. Revoked tokens are returned too, so the caller can say so.
MATCH (u:User)-[:HAS_TOKEN]->(t:Token {id: $id})
RETURN t.hash AS hash, t.salt AS salt, t.revokedAt IS NOT NULL AS revoked,
       u.id AS userId, u.name AS userName, u.role AS role
