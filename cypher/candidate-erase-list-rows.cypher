// Erasure: candidate $id's rows in list snapshots keep only their place (the
// snapshot and the rank) and say `erased`; the candidate id, that week's facts
// and the link to the person go. A week keeps its row count, and the next
// week's diff reports one erased row with nothing else in it. The person is
// locked first (a property set, then gone with the node): a snapshot writing a
// row for them has either committed, and its row is found here, or waits and
// then finds them gone (snapshot-rows-write.cypher).
MATCH (c:Candidate {id: $id})
SET c.erasing = true
WITH c
OPTIONAL MATCH (c)<-[of:OF]-(r:ListRow)
DELETE of
SET r = {snapshotId: r.snapshotId, rank: r.rank, candidateId: 'erased-' + randomUUID(), erased: true}
RETURN count(r) AS rows
