// Starts snapshot $snapshotId of list $listId for ISO week $week as 'pending',
// unless the week already has a complete snapshot and $replace is false (then
// that one is returned and nothing is written: a week is recorded once).
// Setting lastSnapshotStartedAt locks the list, so two runs decide in turn.
MATCH (l:TargetList {id: $listId})
SET l.lastSnapshotStartedAt = datetime($now)
WITH l
OPTIONAL MATCH (l)-[:HAS_SNAPSHOT]->(done:Snapshot {week: $week, status: 'complete'})
WITH l, done, done IS NOT NULL AND NOT $replace AS alreadyTaken
FOREACH (_ IN CASE WHEN alreadyTaken THEN [] ELSE [1] END |
  CREATE (l)-[:HAS_SNAPSHOT]->(:Snapshot {id: $snapshotId, listId: $listId, week: $week, status: 'pending', startedAt: datetime($now)})
)
RETURN alreadyTaken, done.id AS existingId, done.rowCount AS existingRows, toString(done.takenAt) AS existingTakenAt
