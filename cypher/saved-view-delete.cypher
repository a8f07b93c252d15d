// Removes one saved view; returns how many were removed (0 when the id is unknown).
OPTIONAL MATCH (v:SavedView {id: $id})
DETACH DELETE v
RETURN count(v) AS deleted
