// Writes publications, each in the field (a sector) it belongs to. Co-authors in different
// batches write the same publication: MERGE on id keeps one.
UNWIND $publications AS row
MERGE (p:Publication {id: row.id})
SET p.title = row.title, p.year = toInteger(row.year), p.venue = row.venue
WITH p, row
MATCH (s:Sector {id: row.fieldId})
MERGE (p)-[:IN_FIELD]->(s)
