// The graph's current change marks $ids (data-version-mark.cypher), with the
// number of each mark's latest move; no row for a mark never moved through the app.
MATCH (v:DataVersion)
WHERE v.id IN $ids
RETURN v.id AS id, v.value AS value, v.seq AS seq
