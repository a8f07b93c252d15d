// What the importer needs to merge changed rows into existing candidates: their
// properties, hub and current job.
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
RETURN c.id AS id, properties(c) AS props,
  [(c)-[:BASED_IN]->(h:Hub) | h.id] AS hubIds,
  [(c)-[w:WORKS_AT]->(e:Employer) | {employerId: e.id, title: w.title, since: w.since}] AS currentJobs
