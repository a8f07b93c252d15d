// The jobs and publications of the given people (by element id): the caller
// joins two sets of contacts on a shared employer or paper, for the middle
// link of a three-link warm path.
UNWIND $elementIds AS elementId
MATCH (p) WHERE elementId(p) = elementId
MATCH (p)-[j:WORKS_AT|WORKED_AT|AUTHORED]->(x:Employer|Publication)
RETURN elementId AS person,
       {id: x.id, name: coalesce(x.name, x.title), kind: CASE WHEN x:Publication THEN 'publication' ELSE 'employer' END, year: x.year} AS via,
       // nextStart as in warm-path-contacts.cypher: when a past job with no end date gave way to the next.
       {type: type(j), from: toString(coalesce(j.from, j.since)), to: toString(j.to),
        nextStart: CASE WHEN type(j) = 'WORKED_AT' AND j.to IS NULL THEN toString(reduce(next = null, s IN
          [(p)-[k:WORKS_AT|WORKED_AT]->(:Employer) WHERE date(coalesce(k.from, k.since)) > date(coalesce(j.from, j.since)) | date(coalesce(k.from, k.since))] |
          CASE WHEN next IS NULL OR s < next THEN s ELSE next END)) END} AS job
