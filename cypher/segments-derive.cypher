// Derives the segment of the candidates $ids (e.g. those an import just wrote), by the
// rules and order of segments-derive-all.cypher (keep the two in step):
// a job in a target sector > a job in a sector that PIVOTS_TO one > a paper in a target
// field > other. Alongside it, the two ranking inputs that depend only on the
// candidate's own career, so hub-pool-rank.cypher reads them instead of walking every
// pool member's jobs: sectorFit (1 for a job in a target sector, else the strongest
// PIVOTS_TO weight from a job's sector into one, else 0) and roleSince (the start of
// the most recent WORKS_AT). Returns each candidate's segment. (The columns are plain strings on purpose:
// returning the raw $ids element or a column named `segment` makes the planner add an Eager.)
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
WITH id, c, CASE
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
RETURN toString(id) AS id, segment AS derived
