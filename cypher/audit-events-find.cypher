// The audit trail, newest first: events of action $action (every action when
// null) about list $listId (any when null), at most $limit.
MATCH (e:AuditEvent)
WHERE ($action IS NULL OR e.action = $action) AND ($listId IS NULL OR e.listId = $listId)
RETURN properties(e) AS event
ORDER BY e.at DESC, e.id
LIMIT $limit
