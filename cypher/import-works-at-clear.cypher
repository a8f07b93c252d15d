// Ends the current job of candidates whose current employer an import changed (the
// importer has kept it as a past job when its start is known): the WORKS_AT
// relationships by the element ids import-candidates-load read in the same
// transaction. Seeking them by id, not expanding from the candidates, keeps the DELETE
// free of an Eager.
MATCH (:Candidate)-[old:WORKS_AT]->(:Employer)
WHERE elementId(old) IN $relIds
DELETE old
