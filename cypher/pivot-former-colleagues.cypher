// Pivot evidence: people who overlapped with the candidate at an employer in
// sector $fromSector and later started a job in target sector $toSector,
// most recent move first.
MATCH (c:Candidate {id: $id}), (to:Sector {id: $toSector})
MATCH (c)-[jc:WORKS_AT|WORKED_AT]->(e:Employer)-[:IN_SECTOR]->(:Sector {id: $fromSector})
MATCH (e)<-[jp:WORKS_AT|WORKED_AT]-(p:Candidate)
WHERE p <> c
// When each job ended, for the overlap: its end date; a current job runs to today. A past job
// with no end date ended when its holder's next job began, or, with no later job known, as it
// began (as server/services/paths.service.ts jobEnd takes it for warm paths).
WITH c, to, e, jc, p, jp,
     CASE WHEN jc.to IS NOT NULL THEN date(jc.to) WHEN type(jc) = 'WORKS_AT' THEN date($today)
          ELSE coalesce(reduce(next = null, s IN
            [(c)-[k:WORKS_AT|WORKED_AT]->(:Employer) WHERE date(coalesce(k.from, k.since)) > date(coalesce(jc.from, jc.since)) | date(coalesce(k.from, k.since))] |
            CASE WHEN next IS NULL OR s < next THEN s ELSE next END), date(coalesce(jc.from, jc.since))) END AS jcEnd,
     CASE WHEN jp.to IS NOT NULL THEN date(jp.to) WHEN type(jp) = 'WORKS_AT' THEN date($today)
          ELSE coalesce(reduce(next = null, s IN
            [(p)-[k:WORKS_AT|WORKED_AT]->(:Employer) WHERE date(coalesce(k.from, k.since)) > date(coalesce(jp.from, jp.since)) | date(coalesce(k.from, k.since))] |
            CASE WHEN next IS NULL OR s < next THEN s ELSE next END), date(coalesce(jp.from, jp.since))) END AS jpEnd
WHERE date(coalesce(jc.from, jc.since)) < jpEnd
  AND date(coalesce(jp.from, jp.since)) < jcEnd
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
