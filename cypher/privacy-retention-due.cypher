// Candidates past their retention period: each one's date (the last contact,
// else when the data was obtained) on or before the cutoff of their
// country's row. $cutoffs maps a country code (of the hub the person is based
// in) to {standard, consent} cutoff dates, '*' being the default row; the
// consent cutoff applies to people whose lawful basis is consent where the
// row has one. server/privacy/retention.ts computes the cutoffs, so the
// calendar rule lives there. People with neither date are never selected.
MATCH (c:Candidate)
WHERE c.lastContactAt IS NOT NULL OR c.obtainedAt IS NOT NULL
CALL (c) {
  OPTIONAL MATCH (c)-[:BASED_IN]->(h:Hub)
  WITH h ORDER BY h.id
  RETURN collect(h.countryCode)[0] AS country
}
WITH c, country, coalesce($cutoffs[country], $cutoffs['*']) AS row
WITH c, country, date(coalesce(c.lastContactAt, c.obtainedAt)) AS since,
     CASE WHEN c.lawfulBasis = 'consent' AND row.consent IS NOT NULL THEN row.consent ELSE row.standard END AS cutoff
WHERE since <= date(cutoff)
RETURN c.id AS id, c.name AS name, country, c.lawfulBasis AS lawfulBasis,
       toString(c.obtainedAt) AS obtainedAt, toString(c.lastContactAt) AS lastContactAt
ORDER BY since, id
