// The direct contacts of both ends of a warm introduction: everyone who worked
// at one employer with team member $from (or with candidate $to) with
// overlapping tenure, or who authored one publication with them. One row per
// shared job or paper (an end with none: one row without a person); the caller
// scores the links and joins the two sides. A current job runs to $today. So
// does a past job with no end date, in this filter only: the caller, given its
// nextStart, keeps the overlaps that remain (server/services/paths.service.ts).
MATCH (tm:TeamMember {id: $from}), (target:Candidate {id: $to})
UNWIND [[tm, 'from'], [target, 'to']] AS end
WITH end[0] AS a, end[1] AS side
// Optional, so that an end with no contact still comes back (one row, person null) with its name.
OPTIONAL MATCH (a)-[ja:WORKS_AT|WORKED_AT|AUTHORED]->(x:Employer|Publication)<-[jb:WORKS_AT|WORKED_AT|AUTHORED]-(b:Candidate|TeamMember)
WHERE b <> a
  AND (x:Publication
       OR (date(coalesce(ja.from, ja.since)) < coalesce(date(jb.to), date($today))
           AND date(coalesce(jb.from, jb.since)) < coalesce(date(ja.to), date($today))))
RETURN side,
       {elementId: elementId(a), id: a.id, name: a.name, kind: CASE WHEN a:TeamMember THEN 'teamMember' ELSE 'candidate' END} AS end,
       CASE WHEN b IS NULL THEN null ELSE {elementId: elementId(b), id: b.id, name: b.name, kind: CASE WHEN b:TeamMember THEN 'teamMember' ELSE 'candidate' END} END AS person,
       CASE WHEN b IS NULL THEN null ELSE {id: x.id, name: coalesce(x.name, x.title), kind: CASE WHEN x:Publication THEN 'publication' ELSE 'employer' END, year: x.year} END AS via,
       // nextStart: for a past job with no end date, when the person's next job began (the caller
       // takes the job to have ended then, not to run to today).
       CASE WHEN b IS NULL THEN null ELSE {type: type(ja), from: toString(coalesce(ja.from, ja.since)), to: toString(ja.to),
         nextStart: CASE WHEN type(ja) = 'WORKED_AT' AND ja.to IS NULL THEN toString(reduce(next = null, s IN
           [(a)-[k:WORKS_AT|WORKED_AT]->(:Employer) WHERE date(coalesce(k.from, k.since)) > date(coalesce(ja.from, ja.since)) | date(coalesce(k.from, k.since))] |
           CASE WHEN next IS NULL OR s < next THEN s ELSE next END)) END} END AS endJob,
       CASE WHEN b IS NULL THEN null ELSE {type: type(jb), from: toString(coalesce(jb.from, jb.since)), to: toString(jb.to),
         nextStart: CASE WHEN type(jb) = 'WORKED_AT' AND jb.to IS NULL THEN toString(reduce(next = null, s IN
           [(b)-[k:WORKS_AT|WORKED_AT]->(:Employer) WHERE date(coalesce(k.from, k.since)) > date(coalesce(jb.from, jb.since)) | date(coalesce(k.from, k.since))] |
           CASE WHEN next IS NULL OR s < next THEN s ELSE next END)) END} END AS personJob
