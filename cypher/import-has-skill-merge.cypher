// Adds declared skills to existing candidates: evidence gains "self", keeping any
// "job" or "publication" evidence already recorded.
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
MATCH (s:Skill {id: row.skillId})
MERGE (c)-[h:HAS_SKILL]->(s)
  ON CREATE SET h.evidence = ['self']
  ON MATCH SET h.evidence = CASE WHEN 'self' IN coalesce(h.evidence, []) THEN h.evidence ELSE coalesce(h.evidence, []) + 'self' END
