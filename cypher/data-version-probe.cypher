// The graph's current change mark (data-version-mark.cypher); no row on a graph
// never written through the app.
MATCH (v:DataVersion {id: $id})
RETURN v.value AS value
