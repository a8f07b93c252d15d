// The search team's people (no contact details), where warm-introduction paths start.
MATCH (t:TeamMember)
RETURN t.id AS id, t.name AS name
ORDER BY name, id
