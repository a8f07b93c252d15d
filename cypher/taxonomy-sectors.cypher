// Every sector, target sectors first, for the sector filter and flow views.
MATCH (s:Sector)
RETURN s.id AS id, coalesce(s.name, s.id) AS name, coalesce(s.target, false) AS target, s.group AS group
ORDER BY target DESC, group, name, id
