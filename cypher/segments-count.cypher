// Candidates per segment (a null segment: not derived yet).
MATCH (c:Candidate)
RETURN c.segment AS segment, count(*) AS count
ORDER BY segment
