// Notes when token $id was last used. Written when a token is checked against the
// database, not on every request (verified tokens are cached), so the time is
// accurate to the cache's lifetime.
MATCH (t:Token {id: $id})
SET t.lastUsedAt = datetime($at)
