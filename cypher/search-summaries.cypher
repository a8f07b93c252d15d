// Searches with their hubs, skills, sectors, target employers, pipeline stage
// counts and first placement: one search ($id) or, with $id null, all of them,
// newest first.
CALL () {
  MATCH (s:Search {id: $id})
  RETURN s
  UNION
  MATCH (s:Search)
  WHERE $id IS NULL
  RETURN s
}
RETURN s.id AS id, s.title AS title, s.client AS client, toString(s.createdAt) AS createdAt,
       s.targetDays AS targetDays, coalesce(s.seniority, []) AS seniority,
       COLLECT { MATCH (s)-[:IN_HUB]->(h:Hub) RETURN {id: h.id, name: h.name} ORDER BY h.name, h.id } AS hubs,
       COLLECT { MATCH (s)-[:REQUIRES]->(k:Skill) RETURN {id: k.id, name: k.name} ORDER BY k.name, k.id } AS requiredSkills,
       COLLECT { MATCH (s)-[:COVERS_SECTOR]->(x:Sector) RETURN {id: x.id, name: x.name} ORDER BY x.name, x.id } AS sectors,
       COLLECT { MATCH (s)-[:TARGETS]->(e:Employer) RETURN {id: e.id, name: e.name} ORDER BY e.name, e.id } AS targetEmployers,
       COLLECT { MATCH (s)-[:HAS_ENTRY]->(pe:PipelineEntry) RETURN pe.stage } AS stages,
       COLLECT {
         MATCH (s)-[:HAS_ENTRY]->(:PipelineEntry)-[:HAD]->(change:StageChange {stage: 'placed'})
         RETURN toString(change.at) ORDER BY change.at LIMIT 1
       } AS placements
ORDER BY createdAt DESC, id
