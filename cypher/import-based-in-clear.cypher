// Removes the hub of candidates whose location an import changed, before
// import-based-in-merge places them again: the BASED_IN relationships by the element
// ids import-candidates-load read in the same transaction. Seeking them by id, not
// expanding from the candidates, keeps the DELETE free of an Eager.
MATCH (:Candidate)-[old:BASED_IN]->(:Hub)
WHERE elementId(old) IN $relIds
DELETE old
