// Adds one batch of rows to the pending snapshot $snapshotId. Each row keeps
// ids and the facts of that week (rank, score and terms, stage, role, sector,
// hub); a person's name and contact details stay on the Candidate, reached
// through OF, so erasing a person needs no search through old snapshots. A row
// whose person was erased after the list was read is written as an erasure
// leaves one (candidate-erase-list-rows.cypher): its place only, and its score
// so the ranking still puts it where it was read.
MATCH (s:Snapshot {id: $snapshotId, status: 'pending'})
UNWIND $rows AS row
OPTIONAL MATCH (c:Candidate {id: row.candidateId})
CREATE (s)-[:HAS_ROW]->(r:ListRow)
SET r = CASE WHEN c IS NULL THEN {rank: row.rank, score: row.score, candidateId: 'erased-' + randomUUID(), erased: true} ELSE row END,
    r.snapshotId = $snapshotId
WITH r, c
WHERE c IS NOT NULL
CREATE (r)-[:OF]->(c)
