// Records that candidate $id was informed (GDPR Art. 14) at $at and how
// ($how). Informing is a communication: it is the first contact when none
// came before, and the last contact when none came after. A notice dated
// before the data was obtained (or, with no obtainedAt, before $earliest)
// cannot have happened: nothing is written, and `recorded` is false with the
// date it came before.
MATCH (c:Candidate {id: $id})
WITH c, datetime($at) AS at, c.obtainedAt AS obtainedAt
WITH c, at, obtainedAt, date(at) >= coalesce(date(obtainedAt), date($earliest)) AS recorded
FOREACH (_ IN CASE WHEN recorded THEN [1] ELSE [] END |
  SET c.informedAt = at, c.informedHow = $how,
      c.firstContactAt = CASE WHEN c.firstContactAt IS NULL OR at < c.firstContactAt THEN at ELSE c.firstContactAt END,
      c.lastContactAt = CASE WHEN c.lastContactAt IS NULL OR at > c.lastContactAt THEN at ELSE c.lastContactAt END
)
RETURN c.id AS id, recorded, toString(date(obtainedAt)) AS obtainedAt,
       toString(c.informedAt) AS informedAt, c.informedHow AS informedHow,
       toString(c.firstContactAt) AS firstContactAt, toString(c.lastContactAt) AS lastContactAt
