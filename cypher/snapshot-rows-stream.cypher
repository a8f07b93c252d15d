// The rows of snapshot $snapshotId in rank order, each with
// the person's name and profile URL as they are now and their row in the
// previous snapshot $previousId (null when they were not on it), which the
// change flag is worked out from. People erased since are left out.
// Ordering by (snapshotId, rank), the index's own key, lets the planner read
// the rows in index order instead of sorting them all before the first one.
MATCH (r:ListRow)
WHERE r.snapshotId = $snapshotId AND r.rank >= 0
MATCH (r)-[:OF]->(c:Candidate)
OPTIONAL MATCH (p:ListRow {snapshotId: $previousId, candidateId: r.candidateId})
RETURN r.rank AS rank, r.candidateId AS candidateId, c.name AS name, c.profileUrl AS profileUrl,
       r.title AS title, r.employerName AS employerName, r.sectorName AS sectorName, r.hubName AS hubName,
       r.segment AS segment, r.seniority AS seniority, r.score AS score,
       r.skillsFit AS skillsFit, r.sectorFit AS sectorFit, r.seniorityFit AS seniorityFit,
       r.distanceFit AS distanceFit, r.movabilityFit AS movabilityFit, r.stage AS stage,
       p.rank AS previousRank, p.stage AS previousStage, p IS NOT NULL AS wasListed
ORDER BY r.snapshotId, r.rank
