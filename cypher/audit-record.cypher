// Appends one event to the audit trail: who ($actor) did what ($action) when
// ($at), with the event's ids and counts in $details (never contact details).
// Events are only ever created, never changed.
CREATE (e:AuditEvent {id: $id, at: datetime($at), actor: $actor, action: $action})
SET e += $details
RETURN e.id AS id
