// Deletes the rows of list $listId's superseded snapshots (a retaken week, an
// interrupted run) in batches. Auto-commit: CALL { } IN TRANSACTIONS needs it.
MATCH (:Snapshot {listId: $listId, status: 'superseded'})-[:HAS_ROW]->(r:ListRow)
CALL (r) { DETACH DELETE r } IN TRANSACTIONS OF 10000 ROWS
