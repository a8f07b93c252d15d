// Headline counts for /api/health; each count comes from the count store.
CALL { MATCH (n:Candidate) RETURN count(n) AS candidates }
CALL { MATCH (n:Employer) RETURN count(n) AS employers }
CALL { MATCH (n:Hub) RETURN count(n) AS hubs }
CALL { MATCH (n:Skill) RETURN count(n) AS skills }
RETURN candidates, employers, hubs, skills
