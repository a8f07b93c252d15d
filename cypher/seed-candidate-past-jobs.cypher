// Writes candidates' past jobs: WORKED_AT {title, from, to}.
UNWIND $jobs AS row
MATCH (c:Candidate {id: row.personId})
MATCH (e:Employer {id: row.employerId})
MERGE (c)-[r:WORKED_AT]->(e)
SET r.title = row.title, r.from = date(row.from), r.to = date(row.to)
