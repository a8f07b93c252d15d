// Ends the current job of candidates whose current employer an import changed (the
// importer has kept it as a past job when its start is known). Cypher plans an Eager
// before any DELETE of matched relationships; only those rows reach this statement.
UNWIND $ids AS id
MATCH (:Candidate {id: id})-[old:WORKS_AT]->(:Employer)
DELETE old
