// How the team reaches candidates directly: distinct team member-candidate pairs who
// worked at one employer with overlapping tenure, and pairs who co-authored a publication.
// $today stands in for the end of a current job.
CALL () {
  MATCH (t:TeamMember)-[tj:WORKS_AT|WORKED_AT]->(:Employer)<-[cj:WORKS_AT|WORKED_AT]-(c:Candidate)
  WHERE coalesce(tj.from, tj.since) <= coalesce(cj.to, date($today))
    AND coalesce(cj.from, cj.since) <= coalesce(tj.to, date($today))
  RETURN count(DISTINCT [t.id, c.id]) AS colleagues
}
CALL () {
  MATCH (t:TeamMember)-[:AUTHORED]->(:Publication)<-[:AUTHORED]-(c:Candidate)
  RETURN count(DISTINCT [t.id, c.id]) AS coauthors
}
RETURN colleagues, coauthors
