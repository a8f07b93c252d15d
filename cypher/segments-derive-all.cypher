// Derives every candidate's segment from the graph, in this order (README, "The graph model"):
// 1. target-sector: a current or past job at an employer in a target sector;
// 2. adjacent-sector: else such a job in a sector that PIVOTS_TO a target sector;
// 3. academic: else an authored publication in a target sector's field;
// 4. other.
// The same rules as segments-derive.cypher (keep the two in step), which also says why
// sectorFit and roleSince are set here. Batched, so it runs in
// an implicit (auto-commit) transaction as CALL { } IN TRANSACTIONS requires.
MATCH (c:Candidate)
CALL (c) {
  WITH c, CASE
    WHEN EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(:Sector {target: true}) } THEN 'target-sector'
    WHEN EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(:Sector)-[:PIVOTS_TO]->(:Sector {target: true}) } THEN 'adjacent-sector'
    WHEN EXISTS { (c)-[:AUTHORED]->(:Publication)-[:IN_FIELD]->(:Sector {target: true}) } THEN 'academic'
    ELSE 'other'
  END AS segment,
  COLLECT {
    MATCH (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(s:Sector)
    OPTIONAL MATCH (s)-[p:PIVOTS_TO]->(:Sector {target: true})
    RETURN CASE WHEN s.target = true THEN 1.0 ELSE toFloat(coalesce(p.weight, 0.0)) END AS fit
  } AS fits,
  COLLECT { MATCH (c)-[w:WORKS_AT]->(:Employer) WHERE w.since IS NOT NULL RETURN date(w.since) AS since } AS starts
  SET c.segment = segment,
      c.sectorFit = reduce(best = 0.0, f IN fits | CASE WHEN f > best THEN f ELSE best END),
      c.roleSince = reduce(latest = null, d IN starts | CASE WHEN latest IS NULL OR d > latest THEN d ELSE latest END)
} IN TRANSACTIONS OF 10000 ROWS
