// Writes the search team's own people (MERGE on id).
UNWIND $members AS row
MERGE (t:TeamMember {id: row.id})
SET t.name = row.name, t.email = row.email
