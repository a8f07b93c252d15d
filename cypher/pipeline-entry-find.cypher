// The pipeline entry of candidate $candidateId in search $searchId, with its
// current stage; no row when the candidate is not in the pipeline yet.
MATCH (:Search {id: $searchId})-[:HAS_ENTRY]->(pe:PipelineEntry)-[:FOR]->(:Candidate {id: $candidateId})
RETURN pe.id AS entryId, pe.stage AS stage
