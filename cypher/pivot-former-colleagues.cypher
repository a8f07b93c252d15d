// Pivot evidence: people who overlapped with the candidate at an employer in
// sector $fromSector and later started a job in target sector $toSector,
// most recent move first.
MATCH (c:Candidate {id: $id}), (to:Sector {id: $toSector})
MATCH (c)-[jc:WORKS_AT|WORKED_AT]->(e:Employer)-[:IN_SECTOR]->(:Sector {id: $fromSector})
MATCH (e)<-[jp:WORKS_AT|WORKED_AT]-(p:Candidate)
WHERE p <> c
  AND date(coalesce(jc.from, jc.since)) < coalesce(date(jp.to), date($today))
  AND date(coalesce(jp.from, jp.since)) < coalesce(date(jc.to), date($today))
MATCH (p)-[jt:WORKS_AT|WORKED_AT]->(e2:Employer)-[:IN_SECTOR]->(to)
WHERE date(coalesce(jt.from, jt.since)) > date(coalesce(jp.from, jp.since))
WITH p, e, e2, type(jc) AS jcType, type(jp) AS jpType, type(jt) AS jtType, date(coalesce(jt.from, jt.since)) AS movedAt
ORDER BY p.id, movedAt DESC, e.id, e2.id
WITH p, head(collect({employer: {id: e.id, name: e.name}, movedTo: {id: e2.id, name: e2.name},
                      jcType: jcType, jpType: jpType, jtType: jtType, movedAt: movedAt})) AS link
RETURN {id: p.id, name: p.name} AS colleague, link.employer AS employer, link.movedTo AS movedTo,
       link.jcType AS jcType, link.jpType AS jpType, link.jtType AS jtType, toString(link.movedAt) AS movedAt
ORDER BY movedAt DESC, colleague.id
LIMIT $limit
