// The installation's suppression salt, created on first use: $salt (a fresh
// random value) is kept only when there is none yet. The key is unique, so
// two first erasures at once agree on one salt.
MERGE (i:Installation {key: 'suppression-salt'})
  ON CREATE SET i.value = $salt, i.createdAt = datetime($now)
RETURN i.value AS salt
