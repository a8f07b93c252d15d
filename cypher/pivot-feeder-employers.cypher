// Pivot evidence: the candidate's employers in sector $fromSector whose people
// went on to start a job in target sector $toSector, by number of movers.
MATCH (c:Candidate {id: $id})-[jc:WORKS_AT|WORKED_AT]->(e:Employer)-[:IN_SECTOR]->(:Sector {id: $fromSector})
WITH e, min(type(jc)) AS jcType
MATCH (to:Sector {id: $toSector})
MATCH (e)<-[j1:WORKS_AT|WORKED_AT]-(m:Candidate)-[j2:WORKS_AT|WORKED_AT]->(e2:Employer)-[:IN_SECTOR]->(to)
WHERE m.id <> $id AND date(coalesce(j1.from, j1.since)) < date(coalesce(j2.from, j2.since))
WITH e, jcType, m, e2, type(j1) AS j1Type, type(j2) AS j2Type
ORDER BY e.id, m.id, e2.id
WITH e, jcType, count(DISTINCT m) AS movers,
     head(collect({mover: {id: m.id, name: m.name}, j1Type: j1Type, movedTo: {id: e2.id, name: e2.name}, j2Type: j2Type})) AS example
RETURN {id: e.id, name: e.name} AS employer, jcType, movers, example
ORDER BY movers DESC, employer.id
LIMIT $limit
