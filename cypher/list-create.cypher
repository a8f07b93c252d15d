// Saves a target list. A pool list names its hub by id ($hubId) and keeps its
// filters as a JSON string; a mandate list ($searchId) is linked to its search.
// Ids are kept as properties too, so a list whose hub or search was deleted
// can still say which one it was.
CREATE (l:TargetList {id: $id, name: $name, kind: $kind, hubId: $hubId, searchId: $searchId,
                      filters: $filters, radiusKm: $radiusKm, profile: $profile,
                      targetSeniority: $targetSeniority, createdAt: datetime($now), createdBy: $actor})
WITH l
OPTIONAL MATCH (s:Search {id: $searchId})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (l)-[:FOR_SEARCH]->(s))
RETURN l.id AS id
