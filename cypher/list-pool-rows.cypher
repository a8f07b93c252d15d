// A pool list's rows: hub $hubId's pool scored exactly as hub-pool-rank.cypher
// scores it (the same filter block and terms; a test checks the two agree), one
// row per candidate, unsorted and without paging, so a snapshot can stream
// every row of a large pool without holding it: snapshot-rank.cypher puts the
// written rows in the pool's order (score, then id) afterwards. Each row adds
// what a weekly list records beside the score: the hub the person is based in
// and their latest pipeline stage in any search (the stage most recently changed).
MATCH (h:Hub {id: $hubId})
CALL (h) {
  CALL (h) {
    MATCH (c:Candidate)-[:BASED_IN]->(h)
    RETURN c
    UNION
    MATCH (c:Candidate)
    WHERE $radiusKm IS NOT NULL AND point.distance(c.location, h.location) <= $radiusKm * 1000.0
    RETURN c
  }
  WITH c
  WHERE (size($seniority) = 0 OR c.seniority IN $seniority)
    AND (size($segments) = 0 OR c.segment IN $segments)
    AND (NOT $passiveOnly OR c.passive = true)
    AND (NOT $openToWork OR c.openToWork = true)
    AND all(skillId IN $allSkills WHERE EXISTS { (c)-[:HAS_SKILL]->(:Skill {id: skillId}) })
    AND (size($anySkills) = 0 OR EXISTS { MATCH (c)-[:HAS_SKILL]->(s:Skill) WHERE s.id IN $anySkills })
    AND (size($sectors) = 0 OR EXISTS { MATCH (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(s:Sector) WHERE s.id IN $sectors })
  RETURN collect(c) AS pool
}
WITH h, pool, coalesce($radiusKm, h.catchmentKm, $defaultCatchmentKm) AS scaleKm
CALL (h, pool, scaleKm) {
  UNWIND pool AS c
  OPTIONAL MATCH (c)-[based:BASED_IN]->(h)
  WITH h, c, scaleKm, based IS NOT NULL AS basedInHub,
       CASE
         WHEN c.location IS NOT NULL AND h.location IS NOT NULL THEN point.distance(c.location, h.location) / 1000.0
         ELSE based.distanceKm
       END AS distanceKm
  // Required-skill coverage: each required skill earns the credit of its strongest evidence.
  CALL (c) {
    OPTIONAL MATCH (c)-[r:HAS_SKILL]->(s:Skill)
    WHERE s.id IN $requiredSkills
    WITH s, r, reduce(best = 0.0, e IN coalesce(r.evidence, []) |
           CASE WHEN $evidenceCredit[e] > best THEN toFloat($evidenceCredit[e]) ELSE best END) AS credit
    ORDER BY s.id
    RETURN collect(CASE WHEN s IS NULL THEN null ELSE {skillId: s.id, name: s.name, evidence: coalesce(r.evidence, []), credit: credit} END) AS matchedSkills,
           sum(credit) AS creditSum
  }
  // Sector fit: the best job of the career; a target sector is a full fit, an
  // adjacent one earns the weight of its strongest PIVOTS_TO into a target sector.
  CALL (c) {
    OPTIONAL MATCH (c)-[:WORKS_AT|WORKED_AT]->(e:Employer)-[:IN_SECTOR]->(s:Sector)
    OPTIONAL MATCH (s)-[p:PIVOTS_TO]->(t:Sector {target: true})
    WHERE s.target IS NULL OR s.target = false
    WITH e, s, t, CASE WHEN s.target = true THEN 1.0 WHEN p IS NOT NULL THEN toFloat(p.weight) ELSE 0.0 END AS fit
    ORDER BY fit DESC, e.id, s.id, t.id
    WITH collect({fit: fit, employerId: e.id, employerName: e.name, sectorId: s.id, sectorName: s.name,
                  targetSectorId: CASE WHEN s.target = true THEN s.id ELSE t.id END,
                  kind: CASE WHEN s.target = true THEN 'target' WHEN t IS NOT NULL THEN 'adjacent' ELSE 'none' END})[0] AS best
    RETURN CASE WHEN best IS NULL OR best.kind = 'none'
                THEN {fit: 0.0, kind: 'none', employerId: null, employerName: null, sectorId: null, sectorName: null, targetSectorId: null}
                ELSE best END AS sector
  }
  // The current role (the most recent WORKS_AT), for tenure.
  CALL (c) {
    OPTIONAL MATCH (c)-[w:WORKS_AT]->(e:Employer)
    WITH w, e ORDER BY date(w.since) DESC, e.id
    RETURN collect(CASE WHEN e IS NULL THEN null ELSE {employerId: e.id, employerName: e.name, title: w.title, since: w.since} END)[0] AS currentRole
  }
  WITH h, c, scaleKm, basedInHub, distanceKm, matchedSkills, creditSum, sector, currentRole,
       // A current job that starts after today (an accepted offer) has no tenure yet, as in hub-pool-rank.cypher.
       CASE WHEN currentRole IS NULL OR currentRole.since IS NULL THEN null
            WHEN date(currentRole.since) >= date($today) THEN 0.0
            ELSE duration.inDays(date(currentRole.since), date($today)).days / 365.25 END AS yearsInRole,
       CASE WHEN size($requiredSkills) = 0 THEN 1.0 ELSE creditSum / size($requiredSkills) END AS skillsFit,
       CASE
         WHEN c.seniority IN $targetSeniority THEN 1.0
         WHEN any(t IN $targetSeniority WHERE abs($seniorityRank[t] - $seniorityRank[c.seniority]) = 1) THEN toFloat($adjacentSeniorityFit)
         ELSE 0.0
       END AS seniorityFit
  WITH h, c, scaleKm, basedInHub, distanceKm, matchedSkills, sector, currentRole, yearsInRole, skillsFit, seniorityFit,
       CASE WHEN distanceKm IS NULL OR distanceKm >= scaleKm THEN 0.0 ELSE 1.0 - distanceKm / scaleKm END AS distanceFit,
       $movability.tenure * CASE WHEN yearsInRole IS NULL THEN 0.0
                                 WHEN yearsInRole >= $movability.tenureFullYears THEN 1.0
                                 WHEN yearsInRole <= 0 THEN 0.0
                                 ELSE yearsInRole / $movability.tenureFullYears END
         + CASE WHEN c.passive = true THEN $movability.passive ELSE 0.0 END
         + CASE WHEN c.openToWork = true THEN $movability.openToWork ELSE 0.0 END AS movabilityRaw
  WITH h, c, scaleKm, basedInHub, distanceKm, matchedSkills, sector, currentRole, yearsInRole,
       skillsFit, seniorityFit, distanceFit, sector.fit AS sectorFit,
       CASE WHEN movabilityRaw > 1.0 THEN 1.0 ELSE movabilityRaw END AS movabilityFit
  WITH c, scaleKm, basedInHub, distanceKm, matchedSkills, sector, currentRole, yearsInRole,
       skillsFit, seniorityFit, distanceFit, sectorFit, movabilityFit,
       round((
         $weights.skills * skillsFit + $weights.sector * sectorFit + $weights.seniority * seniorityFit
         + $weights.distance * distanceFit + $weights.movability * movabilityFit
       ) / ($weights.skills + $weights.sector + $weights.seniority + $weights.distance + $weights.movability), 6) AS score
  CALL (c) {
    OPTIONAL MATCH (c)-[:BASED_IN]->(home:Hub)
    WITH home ORDER BY home.id
    RETURN collect(home)[0] AS home
  }
  CALL (c) {
    OPTIONAL MATCH (pe:PipelineEntry)-[:FOR]->(c)
    WITH pe ORDER BY pe.stageSince DESC, pe.id
    RETURN collect(pe.stage)[0] AS stage
  }
  RETURN c.id AS candidateId, c.seniority AS seniority, c.segment AS segment,
         currentRole, sector, home.id AS homeHubId, home.name AS homeHubName, stage,
         skillsFit, sectorFit, seniorityFit, distanceFit, movabilityFit, score
}
RETURN candidateId, seniority, segment, currentRole, sector, homeHubId, homeHubName, stage,
       skillsFit, sectorFit, seniorityFit, distanceFit, movabilityFit, score
