// Derives every candidate's segment from the graph, in this order (README, "The graph model"):
// 1. healthcare-shipped: a current or past job at an employer in a target sector;
// 2. adjacent-sector: else such a job in a sector that PIVOTS_TO a target sector;
// 3. academic: else an authored publication in a target sector's field;
// 4. other.
// The same rules as segments-derive.cypher (keep the two in step). Batched, so it runs in
// an implicit (auto-commit) transaction as CALL { } IN TRANSACTIONS requires.
MATCH (c:Candidate)
CALL (c) {
  WITH c, CASE
    WHEN EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(:Sector {target: true}) } THEN 'healthcare-shipped'
    WHEN EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(:Sector)-[:PIVOTS_TO]->(:Sector {target: true}) } THEN 'adjacent-sector'
    WHEN EXISTS { (c)-[:AUTHORED]->(:Publication)-[:IN_FIELD]->(:Sector {target: true}) } THEN 'academic'
    ELSE 'other'
  END AS segment
  SET c.segment = segment
} IN TRANSACTIONS OF 10000 ROWS
