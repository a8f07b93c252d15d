// The least any fresh answer for a hub's pool reads (a floor of the API
// benchmark): how many candidates BASED_IN the hub hold one of $anySkills,
// the `total` every pool answer carries. Nothing is scored, sorted or
// returned but the count.
MATCH (k:Skill) WHERE k.id IN $anySkills
WITH collect(k) AS skills
MATCH (c:Candidate)-[:BASED_IN]->(:Hub {id: $hubId})
WHERE any(s IN [(c)-[:HAS_SKILL]->(k) | k] WHERE s IN skills)
RETURN count(c) AS total
