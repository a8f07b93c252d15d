// Deletes the node labelled $label with id $id and its relationships; tests
// use it to change a small hand-made graph between two steps.
MATCH (n:$($label) {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
