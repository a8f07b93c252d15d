// Links each located candidate of a batch to the hub it is based in, with the distance
// from the hub's centre in km (run after seed-candidates.cypher; rows without a hub are skipped).
UNWIND $candidates AS row
MATCH (c:Candidate {id: row.id})
MATCH (h:Hub {id: row.hubId})
MERGE (c)-[b:BASED_IN]->(h)
SET b.distanceKm = round(point.distance(c.location, h.location) / 1000.0, 1)
