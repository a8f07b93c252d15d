// Ranks the rows of the pending snapshot $snapshotId in the pool's order
// (score highest first, then candidate id) once they are all written: sorting
// node references here takes far less memory than sorting whole scored rows
// in the query that produced them. Each transaction numbers one slice of
// $sliceSize rows, so only one row (one slice) is buffered at a time.
// Auto-commit: CALL { } IN TRANSACTIONS needs it.
MATCH (r:ListRow)
WHERE r.snapshotId = $snapshotId
WITH r ORDER BY r.score DESC, r.candidateId ASC
WITH collect(r) AS rows
UNWIND range(0, size(rows) - 1, $sliceSize) AS start
CALL (rows, start) {
  UNWIND range(start, start + $sliceSize - 1) AS i
  WITH rows[i] AS r, i + 1 AS rank
  WHERE r IS NOT NULL
  SET r.rank = rank
} IN TRANSACTIONS OF 1 ROW
