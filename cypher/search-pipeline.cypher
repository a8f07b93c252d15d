// The pipeline of search $id: every entry with its candidate, current stage,
// note and the full stage history (oldest first).
MATCH (s:Search {id: $id})-[:HAS_ENTRY]->(pe:PipelineEntry)
OPTIONAL MATCH (pe)-[:FOR]->(c:Candidate)
RETURN s.id AS searchId, c.id AS candidateId, c.name AS candidateName, pe.stage AS stage,
       toString(pe.stageSince) AS stageSince, pe.note AS note,
       COLLECT {
         MATCH (pe)-[:HAD]->(change:StageChange)
         RETURN {stage: change.stage, at: toString(change.at), note: change.note} ORDER BY change.at, change.seq
       } AS history
ORDER BY pe.stageSince DESC, candidateId
