// Writes team members' past jobs: WORKED_AT {title, from, to}, as for candidates, so
// former colleagues (overlapping tenure) can be found.
UNWIND $jobs AS row
MATCH (t:TeamMember {id: row.personId})
MATCH (e:Employer {id: row.employerId})
MERGE (t)-[r:WORKED_AT]->(e)
SET r.title = row.title, r.from = date(row.from), r.to = date(row.to)
