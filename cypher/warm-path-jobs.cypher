// The jobs and publications of the given people (by element id): the caller
// joins two sets of contacts on a shared employer or paper, for the middle
// link of a three-link warm path.
UNWIND $elementIds AS elementId
MATCH (p) WHERE elementId(p) = elementId
MATCH (p)-[j:WORKS_AT|WORKED_AT|AUTHORED]->(x:Employer|Publication)
RETURN elementId AS person,
       {id: x.id, name: coalesce(x.name, x.title), kind: CASE WHEN x:Publication THEN 'publication' ELSE 'employer' END, year: x.year} AS via,
       {type: type(j), from: toString(coalesce(j.from, j.since)), to: toString(j.to)} AS job
