// Writes the world's skills taxonomy.
UNWIND $skills AS row
MERGE (s:Skill {id: row.id})
SET s.name = row.name, s.group = row.group
