// What the importer needs to merge changed rows into existing candidates: their
// properties, hub and current job, with the element ids of those relationships, so
// import-based-in-clear and import-works-at-clear can end them without a matching read.
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
RETURN c.id AS id, properties(c) AS props,
  [(c)-[b:BASED_IN]->(h:Hub) | h.id] AS hubIds,
  [(c)-[b:BASED_IN]->(:Hub) | elementId(b)] AS basedIn,
  [(c)-[w:WORKS_AT]->(e:Employer) | {employerId: e.id, title: w.title, since: w.since, rel: elementId(w)}] AS currentJobs
