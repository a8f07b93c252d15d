// One user by id or by name ($ref), with how many of their tokens are live.
MATCH (u:User) WHERE u.id = $ref OR u.name = $ref
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:Token) WHERE t.revokedAt IS NULL
RETURN u {.id, .name, .role, createdAt: toString(u.createdAt)} AS user, count(t) AS liveTokens
