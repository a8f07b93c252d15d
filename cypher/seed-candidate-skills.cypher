// Writes candidates' skills with their evidence (a list of 'self', 'job', 'publication').
UNWIND $skills AS row
MATCH (c:Candidate {id: row.candidateId})
MATCH (s:Skill {id: row.skillId})
MERGE (c)-[r:HAS_SKILL]->(s)
SET r.evidence = row.evidence
