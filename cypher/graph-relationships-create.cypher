// Creates relationships described as data ({from, to, type, props}) between
// nodes given by element id; the companion of graph-nodes-create.cypher.
UNWIND $relationships AS rel
MATCH (a) WHERE elementId(a) = rel.from
MATCH (b) WHERE elementId(b) = rel.to
CREATE (a)-[r:$(rel.type)]->(b)
SET r = rel.props
RETURN count(r) AS created
