// Sets existing candidates' current job (title and start merged by the importer).
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
MATCH (e:Employer {id: row.employerId})
MERGE (c)-[w:WORKS_AT]->(e)
SET w.title = row.title, w.since = date(row.since)
