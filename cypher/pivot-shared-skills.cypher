// Pivot evidence: skills the candidate shares with people who made the move
// from sector $fromSector into $toSector (a job there, then a later-starting
// job in the target), most-shared first, each with one mover as an example.
MATCH (c:Candidate {id: $id}), (from:Sector {id: $fromSector}), (to:Sector {id: $toSector})
MATCH (from)<-[:IN_SECTOR]-(e1:Employer)<-[j1:WORKS_AT|WORKED_AT]-(m:Candidate)-[j2:WORKS_AT|WORKED_AT]->(e2:Employer)-[:IN_SECTOR]->(to)
WHERE m <> c AND date(coalesce(j1.from, j1.since)) < date(coalesce(j2.from, j2.since))
WITH c, m, e1, e2, type(j1) AS j1Type, type(j2) AS j2Type
ORDER BY m.id, e1.id, e2.id
WITH c, m, head(collect({e1: {id: e1.id, name: e1.name}, j1Type: j1Type, e2: {id: e2.id, name: e2.name}, j2Type: j2Type})) AS move
MATCH (c)-[:HAS_SKILL]->(k:Skill)<-[:HAS_SKILL]-(m)
WITH k, m, move ORDER BY k.id, m.id
WITH k, count(m) AS movers, head(collect({mover: {id: m.id, name: m.name}, move: move})) AS example
RETURN {id: k.id, name: k.name} AS skill, movers, example
ORDER BY movers DESC, skill.id
LIMIT $limit
