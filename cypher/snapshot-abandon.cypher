// Gives up the pending snapshot $snapshotId after a failed run: it becomes
// superseded, so its partial rows are purged and no reader ever sees them.
MATCH (s:Snapshot {id: $snapshotId, status: 'pending'})
SET s.status = 'superseded'
RETURN s.listId AS listId
