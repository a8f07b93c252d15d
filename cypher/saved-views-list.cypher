// Every saved view, by name, for the explorer's "Saved" menu.
MATCH (v:SavedView)
RETURN v.id AS id, v.name AS name, v.url AS url,
       toString(v.createdAt) AS createdAt, toString(v.updatedAt) AS updatedAt
ORDER BY toLower(v.name), v.id
