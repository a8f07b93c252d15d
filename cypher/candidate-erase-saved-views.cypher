// Erasure: saved views whose link opens candidate $id go too (a view is often
// named after the person). $idPattern matches the id, plain or URL-encoded,
// as a whole token of the link.
MATCH (v:SavedView)
WHERE v.url =~ $idPattern
DETACH DELETE v
RETURN count(v) AS savedViews
