// The skills most held by candidates BASED_IN hub $hubId, most holders first.
MATCH (:Hub {id: $hubId})<-[:BASED_IN]-(:Candidate)-[:HAS_SKILL]->(s:Skill)
RETURN s.id AS id, s.name AS name, count(*) AS holders
ORDER BY holders DESC, id
LIMIT $limit
