// The two candidates `atlas merge` is asked to merge, to say which one is missing.
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
RETURN c.id AS id, c.name AS name
