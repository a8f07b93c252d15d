// The skill taxonomy, grouped, for the filters' type-ahead.
MATCH (k:Skill)
RETURN k.id AS id, coalesce(k.name, k.id) AS name, k.group AS group
ORDER BY group, name, id
