// Erasure: candidate $id's pipeline entries become anonymous tombstones. Each
// keeps its search, stage, dates and stage history, so a mandate's stage
// counts and times in stage still add up; it loses the link to the person,
// every note, and its key (a hash of the search and candidate ids) for a
// random one.
MATCH (:Candidate {id: $id})<-[f:FOR]-(pe:PipelineEntry)
DELETE f
SET pe.id = randomUUID(), pe.note = null, pe.erased = true
WITH pe
CALL (pe) {
  OPTIONAL MATCH (pe)-[:HAD]->(change:StageChange)
  SET change.note = null
  RETURN count(change) AS changes
}
RETURN count(pe) AS entries, sum(changes) AS changes
