// Appends events to the audit trail, one per element of $events: who (actor)
// did what (action) when (at), with the event's ids and counts in details
// (never contact details). A list, so concurrent events share one commit.
// Events are only ever created, never changed.
UNWIND $events AS event
CREATE (e:AuditEvent {id: event.id, at: datetime(event.at), actor: event.actor, action: event.action})
SET e += event.details
RETURN count(e) AS recorded
