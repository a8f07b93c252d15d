// Every skill's id and name, loaded once per import to match the skills a row names
// (by name, case-insensitively, or by id) without a query per row.
MATCH (s:Skill)
RETURN s.id AS id, s.name AS name
ORDER BY id
