// Writes the merged properties of existing candidates an import batch changes. The
// importer has merged each row into what the find step returned (later values win,
// lists are unions), so this only sets values and reads none: no Eager.
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
SET c.name = row.name, c.email = row.email, c.emailKey = row.emailKey,
    c.profileUrl = row.profileUrl, c.profileKey = row.profileKey,
    c.locationText = row.locationText,
    c.location = CASE WHEN row.latitude IS NULL THEN null ELSE point({latitude: row.latitude, longitude: row.longitude}) END,
    c.yearsExperience = row.yearsExperience, c.seniority = row.seniority,
    c.openToWork = row.openToWork, c.passive = row.passive,
    c.sources = row.sources, c.lawfulBasis = row.lawfulBasis, c.obtainedAt = date(row.obtainedAt),
    c.importHashes = row.importHashes
