// Search $id's target employers that no market-map cell holds: without a
// sector, or without a site in the search's hubs (any site when it names none).
MATCH (s:Search {id: $id})-[:TARGETS]->(e:Employer)
WHERE NOT EXISTS { (e)-[:IN_SECTOR]->(:Sector) }
   OR NOT EXISTS {
     MATCH (e)-[:HAS_SITE]->(hub:Hub)
     WHERE NOT EXISTS { (s)-[:IN_HUB]->(:Hub) } OR EXISTS { (s)-[:IN_HUB]->(hub) }
   }
RETURN e.id AS id, e.name AS name
ORDER BY name, id
