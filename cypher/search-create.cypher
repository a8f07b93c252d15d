// Creates a search (a client mandate) and links it to its hubs, required
// skills, sectors and target employers (the ids were checked beforehand).
CREATE (s:Search {id: $id, title: $title, client: $client, seniority: $seniority,
                  targetDays: $targetDays, createdAt: datetime($now)})
WITH s
CALL (s) {
  UNWIND $hubIds AS hubId
  MATCH (h:Hub {id: hubId})
  CREATE (s)-[:IN_HUB]->(h)
}
CALL (s) {
  UNWIND $skillIds AS skillId
  MATCH (k:Skill {id: skillId})
  CREATE (s)-[:REQUIRES]->(k)
}
CALL (s) {
  UNWIND $sectorIds AS sectorId
  MATCH (x:Sector {id: sectorId})
  CREATE (s)-[:COVERS_SECTOR]->(x)
}
CALL (s) {
  UNWIND $employerIds AS employerId
  MATCH (e:Employer {id: employerId})
  CREATE (s)-[:TARGETS]->(e)
}
RETURN s.id AS id
