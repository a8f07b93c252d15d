// Erasure: candidate $id's identifiers, read first to put their keyed hashes
// on the suppression list, former ones ('p:' or 'e:' and the key) included.
MATCH (c:Candidate {id: $id})
RETURN c.id AS id, c.email AS email, c.emailKey AS emailKey, c.profileUrl AS profileUrl, c.profileKey AS profileKey,
  COLLECT { MATCH (c)-[:HAD_IDENTIFIER]->(f:FormerIdentifier) RETURN f.key } AS formerKeys
