// Tokens (never their hashes), newest first, of user $userId or of everyone when null.
MATCH (u:User)-[:HAS_TOKEN]->(t:Token)
WHERE $userId IS NULL OR u.id = $userId
RETURN t.id AS id, t.label AS label, u.id AS userId, u.name AS userName, u.role AS role,
       toString(t.createdAt) AS createdAt, toString(t.lastUsedAt) AS lastUsedAt, toString(t.revokedAt) AS revokedAt
ORDER BY t.createdAt DESC, t.id
