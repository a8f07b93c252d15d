// Creates a $type relationship with properties $props between two existing
// nodes given by label and id; tests use it to change a hand-made graph.
MATCH (a:$($fromLabel) {id: $fromId}), (b:$($toLabel) {id: $toId})
CREATE (a)-[r:$($type)]->(b)
SET r = $props
RETURN count(r) AS created
