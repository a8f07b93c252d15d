// A mandate list's rows: search $searchId's pipeline without the people who
// declined or are off-limits, furthest stage first ($stageOrder lists the
// stages from furthest to earliest), then longest in stage, then id. Each row
// carries what a weekly list records: the current role, the current
// employer's sector, the hub the person is based in and the stage.
MATCH (s:Search {id: $searchId})-[:HAS_ENTRY]->(pe:PipelineEntry)-[:FOR]->(c:Candidate)
WHERE pe.stage IN $stageOrder
CALL (c) {
  OPTIONAL MATCH (c)-[w:WORKS_AT]->(e:Employer)
  WITH w, e ORDER BY date(w.since) DESC, e.id
  RETURN collect(CASE WHEN e IS NULL THEN null ELSE {employerId: e.id, employerName: e.name, title: w.title, since: w.since} END)[0] AS currentRole
}
CALL (currentRole) {
  OPTIONAL MATCH (:Employer {id: currentRole.employerId})-[:IN_SECTOR]->(x:Sector)
  WITH x ORDER BY x.target DESC, x.name, x.id
  RETURN collect(x)[0] AS employerSector
}
CALL (c) {
  OPTIONAL MATCH (c)-[:BASED_IN]->(home:Hub)
  WITH home ORDER BY home.id
  RETURN collect(home)[0] AS home
}
RETURN c.id AS candidateId, c.seniority AS seniority, c.segment AS segment, currentRole,
       {sectorId: employerSector.id, sectorName: employerSector.name} AS sector,
       home.id AS homeHubId, home.name AS homeHubName, pe.stage AS stage,
       [i IN range(0, size($stageOrder) - 1) WHERE $stageOrder[i] = pe.stage][0] AS stagePosition,
       pe.stageSince AS stageSince
ORDER BY stagePosition ASC, stageSince ASC, candidateId ASC
