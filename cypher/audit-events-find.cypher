// The audit trail, newest first: events of action $action, by $actor, about
// candidate $candidateId and list $listId (each ignored when null), at or
// after $from and before $to (ignored when null); a page of $limit, resuming
// after the event ($cursorAt, $cursorId) that ended the previous page.
MATCH (e:AuditEvent)
WHERE ($action IS NULL OR e.action = $action)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($candidateId IS NULL OR e.candidateId = $candidateId)
  AND ($listId IS NULL OR e.listId = $listId)
  AND ($from IS NULL OR e.at >= datetime($from))
  AND ($to IS NULL OR e.at < datetime($to))
  AND ($cursorAt IS NULL OR e.at < datetime($cursorAt) OR (e.at = datetime($cursorAt) AND e.id > $cursorId))
RETURN properties(e) AS event
ORDER BY e.at DESC, e.id
LIMIT $limit
