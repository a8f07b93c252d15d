// The explanation of one page of a ranked pool (hub-pool-rank.cypher): for each of
// $rows ({id, sectorFit}, in page order) the candidate's name and flags, the
// required skills ($requiredSkills) they hold with their evidence and credit (from
// $evidenceCredit), the job (and for an adjacent sector, the pivot) that earned
// their sector fit, and their current role: the talent graph only, so it stands
// while the talent mark does (the notice dates, which pipeline moves set, are
// hub-pool-notices.cypher). A candidate erased since the ranking simply has no row.
CALL () {
  OPTIONAL MATCH (s:Sector)
  OPTIONAL MATCH (s)-[p:PIVOTS_TO]->(:Sector {target: true})
  WITH s, max(p.weight) AS pivot
  RETURN collect({s: s, fit: CASE WHEN s.target = true THEN 1.0 ELSE toFloat(coalesce(pivot, 0.0)) END}) AS sectorFits
}
UNWIND range(0, size($rows) - 1) AS i
WITH sectorFits, i, $rows[i] AS row
MATCH (c:Candidate {id: row.id})
RETURN i, {
  id: c.id, name: c.name, seniority: c.seniority, segment: c.segment,
  passive: coalesce(c.passive, false), openToWork: coalesce(c.openToWork, false), location: c.location,
  matchedSkills: COLLECT {
    WITH c
    MATCH (c)-[r:HAS_SKILL]->(s:Skill)
    WHERE s.id IN $requiredSkills
    RETURN {skillId: s.id, name: s.name, evidence: coalesce(r.evidence, []),
            credit: reduce(best = 0.0, e IN coalesce(r.evidence, []) | CASE WHEN $evidenceCredit[e] > best THEN toFloat($evidenceCredit[e]) ELSE best END)}
    ORDER BY s.id
  },
  // The job, and for an adjacent sector the pivot, that earned the sector fit.
  sector: coalesce(COLLECT {
    WITH c
    MATCH (c)-[:WORKS_AT|WORKED_AT]->(e:Employer)-[:IN_SECTOR]->(s:Sector)
    OPTIONAL MATCH (s)-[p:PIVOTS_TO]->(t:Sector {target: true})
    WHERE coalesce(s.target, false) = false
    WITH e, s, t, p, [f IN sectorFits WHERE f.s = s][0].fit AS fit
    WHERE fit > 0 AND fit = row.sectorFit AND (s.target = true OR p.weight = fit)
    RETURN {employerId: e.id, employerName: e.name, sectorId: s.id, sectorName: s.name,
            targetSectorId: CASE WHEN s.target = true THEN s.id ELSE t.id END,
            kind: CASE WHEN s.target = true THEN 'target' ELSE 'adjacent' END}
    ORDER BY e.id, s.id, t.id
    LIMIT 1
  }[0], {kind: 'none', employerId: null, employerName: null, sectorId: null, sectorName: null, targetSectorId: null}),
  // The current role (the most recent WORKS_AT).
  currentRole: COLLECT {
    WITH c
    MATCH (c)-[w:WORKS_AT]->(e:Employer)
    RETURN {employerId: e.id, employerName: e.name, title: w.title, since: w.since}
    ORDER BY date(w.since) DESC, e.id
    LIMIT 1
  }[0]
} AS explanation
ORDER BY i
