// A hub's pool ranked by fit score, one page. The pool is the candidates
// BASED_IN the hub plus, when $radiusKm is set, every located candidate within
// that distance (point index on Candidate.location). The filters mean the
// same as hub-map.cypher's; each candidate's named skills are read once, a
// read the filters and the skills term share. Each term lies in
// [0, 1]; weights and constants come from a ranking profile (README
// "Ranking"). The whole pool is scored and sorted by score descending then id;
// a window of it comes back as compact rows (id, terms, score), which the server
// keeps while the graph is unchanged and pages through, and hub-pool-explain.cypher
// adds the explanation (names, evidence, the employer that earned the sector fit)
// to one page's rows only. With $only, just the candidates it names are scored
// (those of them in the pool), to bring a kept ranking up to date after a write
// that changed them alone (server/services/hubs.service.ts, updateRanking).
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
    WHERE $only IS NULL
    RETURN c, true AS basedInHub, based.distanceKm AS basedKm
    UNION ALL
    MATCH (c:Candidate)
    WHERE $only IS NULL AND $radiusKm IS NOT NULL AND point.distance(c.location, h.location) <= $radiusKm * 1000.0
      AND NOT EXISTS { (c)-[:BASED_IN]->(h) }
    RETURN c, false AS basedInHub, null AS basedKm
    UNION ALL
    // Only the candidates $only names, those of them in the pool: a kept ranking is
    // brought up to date by scoring again the people a write changed.
    UNWIND coalesce($only, []) AS id
    MATCH (c:Candidate {id: id})
    OPTIONAL MATCH (c)-[based:BASED_IN]->(h)
    WITH c, based
    WHERE based IS NOT NULL OR ($radiusKm IS NOT NULL AND point.distance(c.location, h.location) <= $radiusKm * 1000.0)
    RETURN c, based IS NOT NULL AS basedInHub, based.distanceKm AS basedKm
  }
  WITH c, basedInHub, basedKm
  WHERE (size($seniority) = 0 OR c.seniority IN $seniority)
    AND (size($segments) = 0 OR c.segment IN $segments)
    AND (NOT $passiveOnly OR c.passive = true)
    AND (NOT $openToWork OR c.openToWork = true)
  // Only the skills the request names are read; the sector filter walks jobs only when set.
  WITH c, basedInHub, basedKm,
       CASE WHEN size(requiredSkillNodes) = 0 THEN []
            ELSE [(c)-[r:HAS_SKILL]->(k) WHERE k IN requiredSkillNodes | {k: k, evidence: coalesce(r.evidence, [])}] END AS skills
  WHERE all(k IN allSkillNodes WHERE any(s IN skills WHERE s.k = k))
    AND (size(anySkillNodes) = 0 OR any(s IN skills WHERE s.k IN anySkillNodes))
    AND (size(sectorNodes) = 0 OR EXISTS { (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(x) WHERE x IN sectorNodes })
  WITH c, basedInHub,
       CASE WHEN c.location IS NOT NULL AND h.location IS NOT NULL THEN point.distance(c.location, h.location) / 1000.0 ELSE basedKm END AS distanceKm,
       // Required-skill coverage: each required skill earns the credit of its strongest evidence.
       reduce(total = 0.0, s IN skills | total +
         reduce(best = 0.0, e IN s.evidence | CASE WHEN $evidenceCredit[e] > best THEN toFloat($evidenceCredit[e]) ELSE best END)
       ) AS creditSum,
       // Sector fit (the best job of the career) and the current role's start, as
       // segments-derive.cypher stores them; walked here only for a candidate not derived yet.
       CASE WHEN c.sectorFit IS NOT NULL THEN c.sectorFit ELSE
         reduce(best = 0.0, fit IN [(c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(s:Sector) | [f IN sectorFits WHERE f.s = s][0].fit] |
           CASE WHEN fit > best THEN fit ELSE best END)
       END AS sectorFit,
       CASE WHEN c.sectorFit IS NOT NULL THEN c.roleSince ELSE
         reduce(latest = null, since IN [(c)-[w:WORKS_AT]->(:Employer) WHERE w.since IS NOT NULL | date(w.since)] |
           CASE WHEN latest IS NULL OR since > latest THEN since ELSE latest END)
       END AS roleSince
  WITH c, basedInHub, distanceKm, sectorFit,
       // A current job that starts after today (an accepted offer) has no tenure yet, never a negative one.
       CASE WHEN roleSince IS NULL THEN null WHEN roleSince >= date($today) THEN 0.0
            ELSE duration.inDays(roleSince, date($today)).days / 365.25 END AS yearsInRole,
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
WITH h, scaleKm, c, basedInHub, distanceKm, sectorFit, yearsInRole, skillsFit, seniorityFit, distanceFit, movabilityFit, score
ORDER BY score DESC, c.id ASC
WITH h, scaleKm,
     collect(CASE WHEN c IS NULL THEN null ELSE {id: c.id, basedInHub: basedInHub, distanceKm: distanceKm, sectorFit: sectorFit, yearsInRole: yearsInRole,
             skillsFit: skillsFit, seniorityFit: seniorityFit, distanceFit: distanceFit, movabilityFit: movabilityFit, score: score} END) AS ranked
// The total, at most $window rows from the cursor on ($cursorScore/$cursorId:
// the last row of a previous page; null for the top), and every member's id
// when there are at most $memberLimit (what a kept ranking needs to be brought
// up to date: whether a changed person was in the pool before).
RETURN h.id AS hubId, h.name AS hubName, size(ranked) AS total, scaleKm,
       [row IN ranked WHERE $cursorId IS NULL OR row.score < $cursorScore OR (row.score = $cursorScore AND row.id > $cursorId)][0..$window] AS ranked,
       CASE WHEN size(ranked) <= $memberLimit THEN [row IN ranked | row.id] END AS members
