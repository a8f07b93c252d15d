// Writes candidates' current jobs: WORKS_AT {title, since}.
UNWIND $jobs AS row
MATCH (c:Candidate {id: row.personId})
MATCH (e:Employer {id: row.employerId})
MERGE (c)-[r:WORKS_AT]->(e)
SET r.title = row.title, r.since = date(row.from)
