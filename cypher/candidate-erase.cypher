// Erasure, last step: candidate $id and every relationship they still have
// (hub, career, skills, papers, education, anything else).
MATCH (c:Candidate {id: $id})
WITH c, COUNT { (c)--() } AS relationships
DETACH DELETE c
RETURN relationships
