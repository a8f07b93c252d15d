// Adds past jobs to existing candidates: one WORKED_AT per employer and start date, so
// a re-import or a second source adds no duplicate; a given title or end date updates it.
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
MATCH (e:Employer {id: row.employerId})
MERGE (c)-[w:WORKED_AT {from: date(row.from)}]->(e)
SET w.title = coalesce(row.title, w.title), w.to = coalesce(date(row.to), w.to)
