// Adds one batch of rows to the pending snapshot $snapshotId. Each row keeps
// ids and the facts of that week (rank, score and terms, stage, role, sector,
// hub); a person's name and contact details stay on the Candidate, reached
// through OF, so erasing a person needs no search through old snapshots.
MATCH (s:Snapshot {id: $snapshotId, status: 'pending'})
UNWIND $rows AS row
CREATE (s)-[:HAS_ROW]->(r:ListRow)
SET r = row, r.snapshotId = $snapshotId
WITH r
MATCH (c:Candidate {id: r.candidateId})
CREATE (r)-[:OF]->(c)
