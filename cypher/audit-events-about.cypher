// The audit events about candidate $id, oldest first: those naming them, and
// the exports of the list weeks they appeared on ($appearances: a list of
// {listId, week}).
CALL () {
  MATCH (e:AuditEvent {candidateId: $id})
  RETURN e
  UNION
  UNWIND $appearances AS appearance
  MATCH (e:AuditEvent {action: 'list.export', listId: appearance.listId, week: appearance.week})
  RETURN e
}
RETURN properties(e) AS event
ORDER BY e.at, e.id
