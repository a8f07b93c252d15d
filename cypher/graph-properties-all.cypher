// Every node's labels and properties and every relationship's type and properties,
// for checks of what the graph stores (that no token secret or contact detail is kept
// where it should not be). Small graphs only.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
MATCH ()-[r]->()
RETURN [type(r)] AS labels, properties(r) AS props
