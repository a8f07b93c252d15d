// Writes the world's sectors; `target` marks the sectors a search fills.
UNWIND $sectors AS row
MERGE (s:Sector {id: row.id})
SET s.name = row.name, s.target = row.target, s.group = row.group
