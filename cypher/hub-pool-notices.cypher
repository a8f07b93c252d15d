// What the GDPR Art. 14 notice flags of a pool page's candidates ($ids) are computed
// from: when their data was obtained, first contact, and when they were informed.
// Read apart from the page's explanation (hub-pool-explain.cypher) because a
// pipeline move sets them without touching the talent graph. A candidate erased
// since the ranking simply has no row.
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
RETURN c.id AS id, toString(c.obtainedAt) AS obtainedAt, toString(c.firstContactAt) AS firstContactAt, toString(c.informedAt) AS informedAt
