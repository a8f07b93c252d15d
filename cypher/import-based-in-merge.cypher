// Places existing candidates in their (new) hub, with the distance from its centre in km.
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
MATCH (h:Hub {id: row.hubId})
MERGE (c)-[b:BASED_IN]->(h)
SET b.distanceKm = round(point.distance(c.location, h.location) / 1000.0, 1)
