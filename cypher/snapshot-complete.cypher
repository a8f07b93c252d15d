// Completes the pending snapshot $snapshotId with $rowCount rows. The list's
// other snapshots of the same week become 'superseded' (their rows are purged
// afterwards), unless one is already complete and $replace is false: then this
// run gave way to a concurrent one and is itself superseded. Returns the
// resulting status; no row when the snapshot was superseded meanwhile. A row
// that lost its person while the snapshot was written (an erasure that committed
// between the row's write and this completion, and so did not see the row) is
// made what the erasure would have made it.
MATCH (l:TargetList)-[:HAS_SNAPSHOT]->(s:Snapshot {id: $snapshotId, status: 'pending'})
SET l.lastSnapshotAt = datetime($now)
WITH l, s
CALL (s) {
  MATCH (s)-[:HAS_ROW]->(r:ListRow)
  WHERE r.erased IS NULL AND NOT EXISTS { (r)-[:OF]->(:Candidate) }
  SET r = {snapshotId: r.snapshotId, rank: r.rank, candidateId: 'erased-' + randomUUID(), erased: true}
}
OPTIONAL MATCH (l)-[:HAS_SNAPSHOT]->(done:Snapshot {week: s.week, status: 'complete'})
WITH l, s, done IS NOT NULL AND NOT $replace AS giveWay
SET s.status = CASE WHEN giveWay THEN 'superseded' ELSE 'complete' END,
    s.takenAt = datetime($now), s.rowCount = $rowCount
WITH l, s, giveWay
CALL (l, s, giveWay) {
  MATCH (l)-[:HAS_SNAPSHOT]->(other:Snapshot {week: s.week})
  WHERE NOT giveWay AND other <> s AND other.status <> 'superseded'
  SET other.status = 'superseded'
}
RETURN s.status AS status, toString(s.takenAt) AS takenAt
