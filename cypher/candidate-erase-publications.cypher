// Erasure: the publications only candidate $id authored go with them; a paper
// with other authors stays, without this one.
MATCH (c:Candidate {id: $id})-[:AUTHORED]->(p:Publication)
WHERE NOT EXISTS { MATCH (p)<-[:AUTHORED]-(other) WHERE other <> c }
DETACH DELETE p
RETURN count(p) AS publications
