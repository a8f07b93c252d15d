// The least a fresh ranking of a hub's pool reads (a floor of the API
// benchmark): for each candidate BASED_IN the hub that holds one of
// $anySkills, every input of hub-pool-rank.cypher's score (the skills'
// evidence, seniority, sector fit, role start, passive and open-to-work
// flags, location or distance), read and counted but not scored, sorted or
// returned.
MATCH (k:Skill) WHERE k.id IN $anySkills
WITH collect(k) AS skills
MATCH (c:Candidate)-[b:BASED_IN]->(:Hub {id: $hubId})
WITH c, b, [(c)-[r:HAS_SKILL]->(k) WHERE k IN skills | r.evidence] AS evidence
WHERE size(evidence) > 0
RETURN count(c) AS total,
       count(c.seniority) + count(c.sectorFit) + count(c.roleSince) + count(c.passive) + count(c.openToWork)
         + count(c.location) + count(b.distanceKm) + sum(size(evidence)) AS inputs
