// Creates the skills an import batch names that the graph does not have yet (id = slug of the name).
UNWIND $skills AS skill
MERGE (s:Skill {id: skill.id})
  ON CREATE SET s.name = skill.name
