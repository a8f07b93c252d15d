// Every candidate with its properties and relationships in both directions, to compare
// two graphs (e.g. a merge against an import of both records as one).
MATCH (c:Candidate)
RETURN c.id AS id, properties(c) AS props,
  [(c)-[r]->(x) | {type: type(r), to: coalesce(x.id, x.code, x.key, elementId(x)), props: properties(r)}] AS outgoing,
  [(x)-[r]->(c) | {type: type(r), from: coalesce(x.id, x.code, x.key, elementId(x)), props: properties(r)}] AS incoming
ORDER BY id
