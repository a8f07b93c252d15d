// The rows of snapshot $previousId whose person is not on snapshot $snapshotId,
// in their old rank order, with what is known now to say why they dropped:
// whether the person still exists (else they were erased), the hub they are
// based in now, their current employer (and whether it is in a target sector
// or among search $searchId's target employers) and their stage in search
// $searchId (mandate lists; null for pool lists). Ordered by the
// (snapshotId, rank) index's key, so rows stream without a sort.
MATCH (p:ListRow)
WHERE p.snapshotId = $previousId AND p.rank >= 0
  AND NOT EXISTS { MATCH (:ListRow {snapshotId: $snapshotId, candidateId: p.candidateId}) }
OPTIONAL MATCH (p)-[:OF]->(c:Candidate)
CALL (c) {
  OPTIONAL MATCH (c)-[:BASED_IN]->(home:Hub)
  WITH home ORDER BY home.id
  RETURN collect(home)[0] AS home
}
CALL (c) {
  OPTIONAL MATCH (c)-[w:WORKS_AT]->(e:Employer)
  WITH w, e ORDER BY date(w.since) DESC, e.id
  RETURN collect(e)[0] AS employer
}
CALL (c) {
  OPTIONAL MATCH (:Search {id: $searchId})-[:HAS_ENTRY]->(pe:PipelineEntry)-[:FOR]->(c)
  RETURN collect(pe.stage)[0] AS stageNow
}
RETURN p.rank AS previousRank, p.candidateId AS candidateId, c IS NOT NULL AS present,
       c.name AS name, c.profileUrl AS profileUrl,
       p.title AS title, p.employerId AS employerId, p.employerName AS employerName, p.sectorName AS sectorName,
       p.hubId AS hubId, p.hubName AS hubName, p.segment AS segment, p.seniority AS seniority, p.score AS score,
       p.skillsFit AS skillsFit, p.sectorFit AS sectorFit, p.seniorityFit AS seniorityFit,
       p.distanceFit AS distanceFit, p.movabilityFit AS movabilityFit, p.stage AS previousStage,
       home.id AS hubIdNow, home.name AS hubNameNow, employer.id AS employerIdNow, employer.name AS employerNameNow,
       employer IS NOT NULL AND (
         EXISTS { MATCH (employer)-[:IN_SECTOR]->(:Sector {target: true}) }
         OR EXISTS { MATCH (:Search {id: $searchId})-[:TARGETS]->(employer) }
       ) AS employerNowTarget,
       stageNow
ORDER BY p.snapshotId, p.rank
