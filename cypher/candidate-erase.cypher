// Erasure, last step: candidate $id and every relationship they still have
// (hub, career, skills, papers, education, anything else), and their former identifiers.
MATCH (c:Candidate {id: $id})
WITH c, COUNT { (c)--() } AS relationships
// The identifiers they held before: personal data too, and nobody else's.
CALL (c) {
  MATCH (c)-[:HAD_IDENTIFIER]->(f:FormerIdentifier)
  DETACH DELETE f
}
DETACH DELETE c
RETURN relationships
