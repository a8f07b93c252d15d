// Writes a batch of candidates (MERGE on id, so re-running changes nothing); their hubs
// are linked by seed-candidate-hubs.cypher.
UNWIND $candidates AS row
MERGE (c:Candidate {id: row.id})
SET c.name = row.name,
    c.email = row.email,
    c.emailKey = row.emailKey,
    c.profileUrl = row.profileUrl,
    c.profileKey = row.profileKey,
    c.locationText = row.locationText,
    c.location = CASE WHEN row.latitude IS NULL THEN null ELSE point({latitude: row.latitude, longitude: row.longitude}) END,
    c.yearsExperience = row.yearsExperience,
    c.seniority = row.seniority,
    c.openToWork = row.openToWork,
    c.passive = row.passive,
    c.sources = row.sources,
    c.lawfulBasis = row.lawfulBasis,
    c.obtainedAt = date(row.obtainedAt),
    c.world = row.world
