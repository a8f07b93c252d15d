// Erasure: candidate $id's rows in list snapshots keep only their place (the
// snapshot and the rank) and say `erased`; the candidate id, that week's facts
// and the link to the person go. A week keeps its row count, and the next
// week's diff reports one erased row with nothing else in it.
MATCH (:Candidate {id: $id})<-[of:OF]-(r:ListRow)
DELETE of
SET r = {snapshotId: r.snapshotId, rank: r.rank, candidateId: 'erased-' + randomUUID(), erased: true}
RETURN count(r) AS rows
