// Creates nodes described as data ({ref, labels, props}), returning each one's
// element id under its ref; tests and examples build small graphs with it.
UNWIND $nodes AS node
CREATE (n:$(node.labels))
SET n = node.props
RETURN node.ref AS ref, elementId(n) AS elementId
