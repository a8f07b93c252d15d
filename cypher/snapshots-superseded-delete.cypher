// Deletes list $listId's superseded snapshots once their rows are purged.
MATCH (s:Snapshot {listId: $listId, status: 'superseded'})
WHERE NOT EXISTS { (s)-[:HAS_ROW]->() }
DETACH DELETE s
RETURN count(*) AS deleted
