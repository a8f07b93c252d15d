// Deletes the $type relationships from the node with id $fromId to the node
// with id $toId; the companion of graph-relationship-link.cypher for tests.
MATCH (:$($fromLabel) {id: $fromId})-[r:$($type)]->(:$($toLabel) {id: $toId})
DELETE r
RETURN count(*) AS deleted
