// Writes the world's hubs with their location and catchment, each in its country
// (run after seed-countries.cypher). The row names the country `country`, not `countryCode`:
// reading a property the statement also writes would make the plan eager.
UNWIND $hubs AS row
MATCH (c:Country {code: row.country})
MERGE (h:Hub {id: row.id})
SET h.name = row.name,
    h.location = point({latitude: row.latitude, longitude: row.longitude}),
    h.catchmentKm = row.catchmentKm,
    h.countryCode = row.country
MERGE (h)-[:IN_COUNTRY]->(c)
