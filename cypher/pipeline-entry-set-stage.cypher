// Puts candidate $candidateId in search $searchId's pipeline at stage $stage
// (creating the entry if needed) and records a StageChange when the stage
// changes (numbered, so changes at the same instant keep their order); a
// $note (when given) replaces the entry's note. The entry key
// $entryId is derived from both ids and backed by a uniqueness constraint.
// A move into one of $contactStages is a communication with the person: the
// first sets their firstContactAt (the GDPR Art. 14 notice is due by then),
// the latest their lastContactAt (retention counts from it).
// A change is never dated before the entry's previous one: a move that waited
// for a concurrent one (see pipeline-entry-lock) may carry an earlier $now, and
// the history is read in date order.
MATCH (s:Search {id: $searchId}), (c:Candidate {id: $candidateId})
MERGE (pe:PipelineEntry {id: $entryId})
  ON CREATE SET pe.createdAt = datetime($now)
MERGE (s)-[:HAS_ENTRY]->(pe)
MERGE (pe)-[:FOR]->(c)
WITH pe, c, pe.stage IS NULL OR pe.stage <> $stage AS changed, COUNT { (pe)-[:HAD]->(:StageChange) } AS seq,
     COLLECT { MATCH (pe)-[:HAD]->(prev:StageChange) RETURN max(prev.at) } AS previous
WITH pe, c, changed, seq, CASE WHEN previous[0] IS NOT NULL AND previous[0] > datetime($now) THEN previous[0] ELSE datetime($now) END AS at
SET pe.note = coalesce($note, pe.note)
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET pe.stage = $stage, pe.stageSince = at
  CREATE (pe)-[:HAD]->(:StageChange {stage: $stage, at: at, note: $note, seq: seq})
)
FOREACH (_ IN CASE WHEN changed AND $stage IN $contactStages THEN [1] ELSE [] END |
  SET c.firstContactAt = CASE WHEN c.firstContactAt IS NULL OR datetime($now) < c.firstContactAt THEN datetime($now) ELSE c.firstContactAt END,
      c.lastContactAt = CASE WHEN c.lastContactAt IS NULL OR datetime($now) > c.lastContactAt THEN datetime($now) ELSE c.lastContactAt END
)
RETURN pe.id AS entryId, changed
