// Writes employers, each in one sector and with a site in one or more hubs
// (run after the sectors and hubs are written).
UNWIND $employers AS row
MERGE (e:Employer {id: row.id})
SET e.name = row.name, e.normName = row.normName, e.kind = row.kind, e.world = row.world
WITH e, row
MATCH (s:Sector {id: row.sectorId})
MERGE (e)-[:IN_SECTOR]->(s)
WITH e, row
UNWIND row.hubIds AS hubId
MATCH (h:Hub {id: hubId})
MERGE (e)-[:HAS_SITE]->(h)
