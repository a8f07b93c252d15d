// Target lists with whether their hub or search still exists and their
// complete snapshots (newest week first): one list ($id) or, with $id null,
// every list, newest first.
CALL () {
  MATCH (l:TargetList {id: $id})
  RETURN l
  UNION
  MATCH (l:TargetList)
  WHERE $id IS NULL
  RETURN l
}
OPTIONAL MATCH (h:Hub {id: l.hubId})
OPTIONAL MATCH (l)-[:FOR_SEARCH]->(s:Search)
RETURN l.id AS id, l.name AS name, l.kind AS kind, l.hubId AS hubId, h.name AS hubName, h IS NOT NULL AS hubExists,
       l.searchId AS searchId, s.title AS searchTitle, s IS NOT NULL AS searchExists,
       l.filters AS filters, l.radiusKm AS radiusKm, l.profile AS profile, coalesce(l.targetSeniority, []) AS targetSeniority,
       toString(l.createdAt) AS createdAt, l.createdBy AS createdBy,
       COLLECT {
         MATCH (l)-[:HAS_SNAPSHOT]->(x:Snapshot {status: 'complete'})
         RETURN {id: x.id, week: x.week, takenAt: toString(x.takenAt), rows: x.rowCount} ORDER BY x.week DESC
       } AS snapshots
ORDER BY createdAt DESC, id
