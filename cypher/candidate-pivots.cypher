// The pivots open to a candidate: each non-target sector of their career that
// PIVOTS_TO a target sector (optionally only $target), with the weight and the
// candidate's employers in that sector.
MATCH (c:Candidate {id: $id})-[:WORKS_AT|WORKED_AT]->(e:Employer)-[:IN_SECTOR]->(from:Sector)-[p:PIVOTS_TO]->(to:Sector)
WHERE to.target = true AND coalesce(from.target, false) = false AND ($target IS NULL OR to.id = $target)
WITH from, to, p, e ORDER BY e.id
WITH from, to, p.weight AS weight, collect(DISTINCT {id: e.id, name: e.name}) AS via
RETURN {id: from.id, name: from.name} AS from, {id: to.id, name: to.name} AS to, weight, via
ORDER BY weight DESC, from.id, to.id
