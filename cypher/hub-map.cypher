// The hub map: every hub with its pool (the candidates BASED_IN it) counted by
// segment and passive flag, under the shared pool filters. The filters mean
// what hub-pool-rank.cypher's mean (that file reads each candidate once for
// filters and score alike), so a hub's total equals its pool's size; a test
// holds the two equal.
MATCH (h:Hub)
OPTIONAL MATCH (h)-[:IN_COUNTRY]->(country:Country)
CALL (h) {
  OPTIONAL MATCH (c:Candidate)-[:BASED_IN]->(h)
  WHERE (size($seniority) = 0 OR c.seniority IN $seniority)
    AND (size($segments) = 0 OR c.segment IN $segments)
    AND (NOT $passiveOnly OR c.passive = true)
    AND (NOT $openToWork OR c.openToWork = true)
    AND all(skillId IN $allSkills WHERE EXISTS { (c)-[:HAS_SKILL]->(:Skill {id: skillId}) })
    AND (size($anySkills) = 0 OR EXISTS { MATCH (c)-[:HAS_SKILL]->(s:Skill) WHERE s.id IN $anySkills })
    AND (size($sectors) = 0 OR EXISTS { MATCH (c)-[:WORKS_AT|WORKED_AT]->(:Employer)-[:IN_SECTOR]->(s:Sector) WHERE s.id IN $sectors })
  WITH c.segment AS segment, coalesce(c.passive, false) AS passive, count(c) AS n
  RETURN collect({segment: segment, passive: passive, n: n}) AS groups
}
RETURN h.id AS id, h.name AS name, coalesce(h.countryCode, country.code) AS countryCode, country.name AS countryName,
       h.location AS location, h.catchmentKm AS catchmentKm, groups
ORDER BY h.name, h.id
