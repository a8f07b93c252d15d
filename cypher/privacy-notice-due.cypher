// GDPR Art. 14 notices still to give: candidates not informed yet, by deadline
// (those without one first, then the earliest), then id; one page of $limit,
// resuming after ($cursorKey, $cursorId). The deadline is the one
// server/privacy/notice.ts computes: $noticeMonths calendar months after the
// data was obtained (Neo4j clamps to the month's end, 31 Jan + 1 month =
// 28/29 Feb), or the first contact when that came sooner.
MATCH (c:Candidate)
WHERE c.informedAt IS NULL
WITH c, date(c.obtainedAt) + duration({months: $noticeMonths}) AS oneMonth, date(c.firstContactAt) AS contact
WITH c, CASE WHEN contact IS NOT NULL AND (oneMonth IS NULL OR contact < oneMonth) THEN contact ELSE oneMonth END AS dueBy
WITH c, coalesce(dueBy, date('0001-01-01')) AS sortKey
WHERE $cursorKey IS NULL OR sortKey > date($cursorKey) OR (sortKey = date($cursorKey) AND c.id > $cursorId)
CALL (c) {
  OPTIONAL MATCH (c)-[:BASED_IN]->(h:Hub)
  WITH h ORDER BY h.id
  RETURN collect(CASE WHEN h IS NULL THEN null ELSE {id: h.id, name: h.name} END)[0] AS hub
}
RETURN c.id AS id, c.name AS name, hub, c.lawfulBasis AS lawfulBasis, coalesce(c.sources, []) AS sources,
       toString(c.obtainedAt) AS obtainedAt, toString(c.firstContactAt) AS firstContactAt, toString(sortKey) AS sortKey
ORDER BY sortKey, id
LIMIT $limit
