// Derives the segment of the candidates $ids (e.g. those an import just wrote), by the
// rules and order of segments-derive-all.cypher (keep the two in step):
// a job in a target sector > a job in a sector that PIVOTS_TO one > a paper in a target
// field > other. Returns each candidate's segment. (The columns are plain strings on purpose:
// returning the raw $ids element or a column named `segment` makes the planner add an Eager.)
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
WITH id, c, CASE
  WHEN EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(:Sector {target: true}) } THEN 'healthcare-shipped'
  WHEN EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(:Sector)-[:PIVOTS_TO]->(:Sector {target: true}) } THEN 'adjacent-sector'
  WHEN EXISTS { (c)-[:AUTHORED]->(:Publication)-[:IN_FIELD]->(:Sector {target: true}) } THEN 'academic'
  ELSE 'other'
END AS segment
SET c.segment = segment
RETURN toString(id) AS id, segment AS derived
