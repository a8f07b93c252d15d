// Writes candidates' degrees: STUDIED_AT {degree, field, to}, one per degree and institution.
UNWIND $education AS row
MATCH (c:Candidate {id: row.candidateId})
MATCH (i:Institution {id: row.institutionId})
MERGE (c)-[r:STUDIED_AT {degree: row.degree}]->(i)
SET r.field = row.field, r.to = date(row.to)
