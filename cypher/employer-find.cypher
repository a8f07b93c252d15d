// Employers named by id, or else by normalised name (several may share one), for
// `atlas employer set-sector`.
MATCH (e:Employer)
WHERE e.id = $ref OR e.normName = $normName
RETURN e.id AS id, e.name AS name, e.id = $ref AS byId,
  [(e)-[:IN_SECTOR]->(s:Sector) | s.id] AS sectorIds
ORDER BY byId DESC, id
LIMIT 20
