// Records that candidate $id was informed (GDPR Art. 14) at $at and how
// ($how). Informing is a communication: it is the first contact when none
// came before, and the last contact when none came after.
MATCH (c:Candidate {id: $id})
WITH c, datetime($at) AS at
SET c.informedAt = at, c.informedHow = $how,
    c.firstContactAt = CASE WHEN c.firstContactAt IS NULL OR at < c.firstContactAt THEN at ELSE c.firstContactAt END,
    c.lastContactAt = CASE WHEN c.lastContactAt IS NULL OR at > c.lastContactAt THEN at ELSE c.lastContactAt END
RETURN c.id AS id, toString(c.informedAt) AS informedAt, c.informedHow AS informedHow,
       toString(c.firstContactAt) AS firstContactAt, toString(c.lastContactAt) AS lastContactAt
