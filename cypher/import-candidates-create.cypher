// Creates the new candidates of an import batch with their hub, current and past jobs
// and skills. The find step has just established that none of them exists, so nodes and
// relationships are CREATEd; employers and skills exist already (import-*-merge).
// One write transaction per batch; no Eager in the plan.
UNWIND $rows AS row
CREATE (c:Candidate {id: row.id})
SET c.name = row.name, c.email = row.email, c.emailKey = row.emailKey,
    c.profileUrl = row.profileUrl, c.profileKey = row.profileKey,
    c.locationText = row.locationText,
    c.location = CASE WHEN row.latitude IS NULL THEN null ELSE point({latitude: row.latitude, longitude: row.longitude}) END,
    c.yearsExperience = row.yearsExperience, c.seniority = row.seniority,
    c.openToWork = row.openToWork, c.passive = row.passive,
    c.sources = row.sources, c.lawfulBasis = row.lawfulBasis, c.obtainedAt = date(row.obtainedAt),
    c.importHashes = row.importHashes
WITH c, row
CALL (c, row) {
  UNWIND row.hubs AS hub
  MATCH (h:Hub {id: hub.id})
  // The distance from the hub's centre, from coordinates passed in: reading h.location
  // here would conflict with the SET of c.location above and add an Eager.
  WITH c, h, point({latitude: row.latitude, longitude: row.longitude}) AS at, point({latitude: hub.latitude, longitude: hub.longitude}) AS centre
  CREATE (c)-[:BASED_IN {distanceKm: round(point.distance(at, centre) / 1000.0, 1)}]->(h)
}
CALL (c, row) {
  UNWIND row.current AS job
  MATCH (e:Employer {id: job.employerId})
  CREATE (c)-[:WORKS_AT {title: job.title, since: date(job.since)}]->(e)
}
CALL (c, row) {
  UNWIND row.jobs AS job
  MATCH (e:Employer {id: job.employerId})
  CREATE (c)-[:WORKED_AT {title: job.title, from: date(job.from), to: date(job.to)}]->(e)
}
CALL (c, row) {
  UNWIND row.skills AS skill
  MATCH (s:Skill {id: skill.id})
  CREATE (c)-[:HAS_SKILL {evidence: ['self']}]->(s)
}
