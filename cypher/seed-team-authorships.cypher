// Links team members to the publications they authored (co-authors of candidates).
UNWIND $authorships AS row
MATCH (t:TeamMember {id: row.personId})
MATCH (p:Publication {id: row.publicationId})
MERGE (t)-[:AUTHORED]->(p)
