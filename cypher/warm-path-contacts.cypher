// The direct contacts of both ends of a warm introduction: everyone who worked
// at one employer with team member $from (or with candidate $to) with
// overlapping tenure (a current job runs to $today), or who authored one
// publication with them. One row per shared job or paper (an end with none: one
// row without a person); the caller scores the links and joins the two sides.
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
       CASE WHEN b IS NULL THEN null ELSE {type: type(ja), from: toString(coalesce(ja.from, ja.since)), to: toString(ja.to)} END AS endJob,
       CASE WHEN b IS NULL THEN null ELSE {type: type(jb), from: toString(coalesce(jb.from, jb.since)), to: toString(jb.to)} END AS personJob
