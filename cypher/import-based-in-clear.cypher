// Removes the hub of candidates whose location an import changed, before
// import-based-in-merge places them again. Cypher plans an Eager before any DELETE of
// matched relationships; only the rows whose hub changed reach this statement.
UNWIND $ids AS id
MATCH (:Candidate {id: id})-[old:BASED_IN]->(:Hub)
DELETE old
