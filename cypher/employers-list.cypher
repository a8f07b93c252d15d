// Employers, optionally only those with a site in hub $hubId and/or in sector
// $sectorId, largest current headcount first; `total` counts every match.
CALL () {
  MATCH (e:Employer)
  WHERE ($hubId IS NULL OR EXISTS { (e)-[:HAS_SITE]->(:Hub {id: $hubId}) })
    AND ($sectorId IS NULL OR EXISTS { (e)-[:IN_SECTOR]->(:Sector {id: $sectorId}) })
  RETURN e, COUNT { (e)<-[:WORKS_AT]-(:Candidate) } AS people
}
WITH collect({e: e, people: people}) AS rows
UNWIND rows AS row
WITH size(rows) AS total, row.e AS e, row.people AS people
ORDER BY people DESC, e.id
LIMIT $limit
RETURN total, e.id AS id, e.name AS name, e.kind AS kind, people,
       COLLECT { MATCH (e)-[:IN_SECTOR]->(s:Sector) RETURN {id: s.id, name: s.name, target: coalesce(s.target, false)} ORDER BY s.id } AS sectors,
       COLLECT { MATCH (e)-[:HAS_SITE]->(h:Hub) RETURN {id: h.id, name: h.name} ORDER BY h.name, h.id } AS sites
