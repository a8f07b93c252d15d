// The complete snapshot of list $listId for week $week, and the latest complete
// snapshot before it (the one a week's changes are measured against).
MATCH (l:TargetList {id: $listId})
OPTIONAL MATCH (l)-[:HAS_SNAPSHOT]->(s:Snapshot {week: $week, status: 'complete'})
CALL (l) {
  OPTIONAL MATCH (l)-[:HAS_SNAPSHOT]->(p:Snapshot {status: 'complete'})
  WHERE p.week < $week
  WITH p ORDER BY p.week DESC
  RETURN collect(p)[0] AS previous
}
RETURN s.id AS id, s.week AS week, toString(s.takenAt) AS takenAt, s.rowCount AS rows,
       previous.id AS previousId, previous.week AS previousWeek
