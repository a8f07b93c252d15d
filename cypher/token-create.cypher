// Gives user $userId a new token. Only the token's lookup id and the scrypt hash
// and salt of its secret are stored; the secret itself is shown once and never kept.
MATCH (u:User {id: $userId})
CREATE (u)-[:HAS_TOKEN]->(t:Token {id: $id, label: $label, hash: $hash, salt: $salt, createdAt: datetime($createdAt)})
RETURN t.id AS id
