// Writes team members' current posts: WORKS_AT {title, since}, as for candidates.
UNWIND $jobs AS row
MATCH (t:TeamMember {id: row.personId})
MATCH (e:Employer {id: row.employerId})
MERGE (t)-[r:WORKS_AT]->(e)
SET r.title = row.title, r.since = date(row.from)
