// Every user, by name, with how many of their tokens are live (never a hash).
MATCH (u:User)
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:Token) WHERE t.revokedAt IS NULL
WITH u, count(t) AS liveTokens
RETURN u {.id, .name, .role, createdAt: toString(u.createdAt)} AS user, liveTokens
ORDER BY u.name
