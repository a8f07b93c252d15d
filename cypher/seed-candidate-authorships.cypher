// Links candidates to the publications they authored (run after seed-publications.cypher).
UNWIND $authorships AS row
MATCH (c:Candidate {id: row.personId})
MATCH (p:Publication {id: row.publicationId})
MERGE (c)-[:AUTHORED]->(p)
