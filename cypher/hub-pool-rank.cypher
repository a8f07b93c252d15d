// A hub's pool ranked by fit score, one page. The pool is the candidates
// BASED_IN the hub plus, when $radiusKm is set, every located candidate within
// that distance (point index on Candidate.location). The filters mean the
// same as hub-map.cypher's; here they are written to read each candidate's
// jobs and named skills once, a read the score terms share. Each term lies in
// [0, 1]; weights and constants come from a ranking profile (README
// "Ranking"). The whole pool is scored and sorted by score descending then id
// ($cursorScore/$cursorId resume after a previous page); only the page's rows
// get their explanation (names, evidence, the employer that earned the sector
// fit).
MATCH (h:Hub {id: $hubId})
// The nodes the filters and terms compare with, looked up once; each sector's
// fit: 1 for a target sector, else its strongest PIVOTS_TO into one.
CALL (h) {
  OPTIONAL MATCH (s:Sector)
  OPTIONAL MATCH (s)-[p:PIVOTS_TO]->(:Sector {target: true})
  WITH s, max(p.weight) AS pivot
  RETURN collect({s: s, fit: CASE WHEN s.target = true THEN 1.0 ELSE toFloat(coalesce(pivot, 0.0)) END}) AS sectorFits
}
CALL (h) {
  OPTIONAL MATCH (k:Skill) WHERE k.id IN $allSkills
  RETURN collect(k) AS allSkillNodes
}
CALL (h) {
  OPTIONAL MATCH (k:Skill) WHERE k.id IN $anySkills
  RETURN collect(k) AS anySkillNodes
}
CALL (h) {
  OPTIONAL MATCH (k:Skill) WHERE k.id IN $requiredSkills
  RETURN collect(k) AS requiredSkillNodes
}
CALL (h) {
  OPTIONAL MATCH (x:Sector) WHERE x.id IN $sectors
  RETURN collect(x) AS sectorNodes
}
WITH h, sectorFits, allSkillNodes, anySkillNodes, requiredSkillNodes, sectorNodes,
     coalesce($radiusKm, h.catchmentKm, $defaultCatchmentKm) AS scaleKm
OPTIONAL CALL (h, sectorFits, allSkillNodes, anySkillNodes, requiredSkillNodes, sectorNodes, scaleKm) {
  CALL (h) {
    MATCH (c:Candidate)-[based:BASED_IN]->(h)
    RETURN c, true AS basedInHub, based.distanceKm AS basedKm
    UNION ALL
    MATCH (c:Candidate)
    WHERE $radiusKm IS NOT NULL AND point.distance(c.location, h.location) <= $radiusKm * 1000.0
      AND NOT EXISTS { (c)-[:BASED_IN]->(h) }
    RETURN c, false AS basedInHub, null AS basedKm
  }
  WITH c, basedInHub, basedKm
  WHERE (size($seniority) = 0 OR c.seniority IN $seniority)
    AND (size($segments) = 0 OR c.segment IN $segments)
    AND (NOT $passiveOnly OR c.passive = true)
    AND (NOT $openToWork OR c.openToWork = true)
  // One read of the candidate's jobs and one of the skills the request names serve the filters and the terms.
  WITH c, basedInHub, basedKm,
       [(c)-[r:WORKS_AT|WORKED_AT]->(e) | {e: e, since: CASE WHEN type(r) = 'WORKS_AT' THEN r.since END}] AS jobs,
       [(c)-[r:HAS_SKILL]->(k) WHERE k IN requiredSkillNodes | {k: k, evidence: coalesce(r.evidence, [])}] AS skills
  WITH c, basedInHub, basedKm, jobs, skills, [j IN jobs | j.e] AS employers
  WHERE all(k IN allSkillNodes WHERE any(s IN skills WHERE s.k = k))
    AND (size(anySkillNodes) = 0 OR any(s IN skills WHERE s.k IN anySkillNodes))
    AND (size(sectorNodes) = 0 OR any(employer IN employers WHERE any(x IN sectorNodes WHERE EXISTS { (employer)-[:IN_SECTOR]->(x) })))
  WITH c, basedInHub,
       CASE WHEN c.location IS NOT NULL AND h.location IS NOT NULL THEN point.distance(c.location, h.location) / 1000.0 ELSE basedKm END AS distanceKm,
       // Required-skill coverage: each required skill earns the credit of its strongest evidence.
       reduce(total = 0.0, s IN skills | total +
         reduce(best = 0.0, e IN s.evidence | CASE WHEN $evidenceCredit[e] > best THEN toFloat($evidenceCredit[e]) ELSE best END)
       ) AS creditSum,
       // Sector fit: the best job of the career.
       reduce(best = 0.0, employer IN employers |
         reduce(inner = best, fit IN [(employer)-[:IN_SECTOR]->(s:Sector) | [f IN sectorFits WHERE f.s = s][0].fit] |
           CASE WHEN fit > inner THEN fit ELSE inner END)
       ) AS sectorFit,
       // Tenure in the current role (the most recent WORKS_AT).
       reduce(latest = null, j IN jobs |
         CASE WHEN j.since IS NOT NULL AND (latest IS NULL OR date(j.since) > latest) THEN date(j.since) ELSE latest END
       ) AS roleSince
  WITH c, basedInHub, distanceKm, sectorFit,
       CASE WHEN roleSince IS NULL THEN null ELSE duration.inDays(roleSince, date($today)).days / 365.25 END AS yearsInRole,
       CASE WHEN size($requiredSkills) = 0 THEN 1.0 ELSE creditSum / size($requiredSkills) END AS skillsFit,
       CASE
         WHEN c.seniority IN $targetSeniority THEN 1.0
         WHEN any(t IN $targetSeniority WHERE abs($seniorityRank[t] - $seniorityRank[c.seniority]) = 1) THEN toFloat($adjacentSeniorityFit)
         ELSE 0.0
       END AS seniorityFit
  WITH c, basedInHub, distanceKm, sectorFit, yearsInRole, skillsFit, seniorityFit,
       CASE WHEN distanceKm IS NULL OR distanceKm >= scaleKm THEN 0.0 ELSE 1.0 - distanceKm / scaleKm END AS distanceFit,
       $movability.tenure * CASE WHEN yearsInRole IS NULL THEN 0.0
                                 WHEN yearsInRole >= $movability.tenureFullYears THEN 1.0
                                 WHEN yearsInRole <= 0 THEN 0.0
                                 ELSE yearsInRole / $movability.tenureFullYears END
         + CASE WHEN c.passive = true THEN $movability.passive ELSE 0.0 END
         + CASE WHEN c.openToWork = true THEN $movability.openToWork ELSE 0.0 END AS movabilityRaw
  WITH c, basedInHub, distanceKm, sectorFit, yearsInRole, skillsFit, seniorityFit, distanceFit,
       CASE WHEN movabilityRaw > 1.0 THEN 1.0 ELSE movabilityRaw END AS movabilityFit
  WITH c, basedInHub, distanceKm, sectorFit, yearsInRole, skillsFit, seniorityFit, distanceFit, movabilityFit,
       round((
         $weights.skills * skillsFit + $weights.sector * sectorFit + $weights.seniority * seniorityFit
         + $weights.distance * distanceFit + $weights.movability * movabilityFit
       ) / ($weights.skills + $weights.sector + $weights.seniority + $weights.distance + $weights.movability), 6) AS score
  RETURN c, basedInHub, distanceKm, sectorFit, yearsInRole, skillsFit, seniorityFit, distanceFit, movabilityFit, score
}
// Sorted once, then sliced: the page and the total come from one pass.
WITH h, sectorFits, scaleKm, c, basedInHub, distanceKm, sectorFit, yearsInRole, skillsFit, seniorityFit, distanceFit, movabilityFit, score
ORDER BY score DESC, c.id ASC
WITH h, sectorFits, scaleKm,
     collect(CASE WHEN c IS NULL THEN null ELSE {c: c, basedInHub: basedInHub, distanceKm: distanceKm, sectorFit: sectorFit, yearsInRole: yearsInRole,
             skillsFit: skillsFit, seniorityFit: seniorityFit, distanceFit: distanceFit, movabilityFit: movabilityFit, score: score} END) AS ranked
WITH h, sectorFits, scaleKm, size(ranked) AS total,
     [row IN ranked WHERE $cursorId IS NULL OR row.score < $cursorScore OR (row.score = $cursorScore AND row.c.id > $cursorId)][0..$limit] AS page
// The explanation, for this page only.
RETURN h.id AS hubId, h.name AS hubName, total, scaleKm, [row IN page | {
  id: row.c.id, name: row.c.name, seniority: row.c.seniority, segment: row.c.segment,
  passive: coalesce(row.c.passive, false), openToWork: coalesce(row.c.openToWork, false), location: row.c.location,
  basedInHub: row.basedInHub, distanceKm: row.distanceKm, yearsInRole: row.yearsInRole,
  skillsFit: row.skillsFit, sectorFit: row.sectorFit, seniorityFit: row.seniorityFit,
  distanceFit: row.distanceFit, movabilityFit: row.movabilityFit, score: row.score,
  // What the GDPR Art. 14 notice flags are computed from.
  obtainedAt: toString(row.c.obtainedAt), firstContactAt: toString(row.c.firstContactAt), informedAt: toString(row.c.informedAt),
  matchedSkills: COLLECT {
    WITH row.c AS c
    MATCH (c)-[r:HAS_SKILL]->(s:Skill)
    WHERE s.id IN $requiredSkills
    RETURN {skillId: s.id, name: s.name, evidence: coalesce(r.evidence, []),
            credit: reduce(best = 0.0, e IN coalesce(r.evidence, []) | CASE WHEN $evidenceCredit[e] > best THEN toFloat($evidenceCredit[e]) ELSE best END)}
    ORDER BY s.id
  },
  // The job, and for an adjacent sector the pivot, that earned the sector fit.
  sector: coalesce(COLLECT {
    WITH row.c AS c
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
    WITH row.c AS c
    MATCH (c)-[w:WORKS_AT]->(e:Employer)
    RETURN {employerId: e.id, employerName: e.name, title: w.title, since: w.since}
    ORDER BY date(w.since) DESC, e.id
    LIMIT 1
  }[0]
}] AS items
