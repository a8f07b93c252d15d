// Puts candidate $candidateId in search $searchId's pipeline at stage $stage
// (creating the entry if needed) and records a StageChange when the stage
// changes (numbered, so changes at the same instant keep their order); a
// $note (when given) replaces the entry's note. The entry key
// $entryId is derived from both ids and backed by a uniqueness constraint.
MATCH (s:Search {id: $searchId}), (c:Candidate {id: $candidateId})
MERGE (pe:PipelineEntry {id: $entryId})
  ON CREATE SET pe.createdAt = datetime($now)
MERGE (s)-[:HAS_ENTRY]->(pe)
MERGE (pe)-[:FOR]->(c)
WITH pe, pe.stage IS NULL OR pe.stage <> $stage AS changed, COUNT { (pe)-[:HAD]->(:StageChange) } AS seq
SET pe.note = coalesce($note, pe.note)
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET pe.stage = $stage, pe.stageSince = datetime($now)
  CREATE (pe)-[:HAD]->(:StageChange {stage: $stage, at: datetime($now), note: $note, seq: seq})
)
RETURN pe.id AS entryId, changed
