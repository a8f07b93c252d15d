// One employer: sectors, sites, current people grouped by title and seniority,
// the most senior $membersLimit of them, and how many people used to work there.
MATCH (e:Employer {id: $id})
RETURN e.id AS id, e.name AS name, e.kind AS kind,
       COLLECT { MATCH (e)-[:IN_SECTOR]->(s:Sector) RETURN {id: s.id, name: s.name, target: coalesce(s.target, false)} ORDER BY s.id } AS sectors,
       COLLECT { MATCH (e)-[:HAS_SITE]->(h:Hub) RETURN {id: h.id, name: h.name} ORDER BY h.name, h.id } AS sites,
       COUNT { (e)<-[:WORKS_AT]-(:Candidate) } AS people,
       COUNT { MATCH (c:Candidate)-[:WORKED_AT]->(e) RETURN DISTINCT c } AS alumni,
       COLLECT {
         MATCH (c:Candidate)-[w:WORKS_AT]->(e)
         WITH w.title AS title, c.seniority AS seniority, count(*) AS n
         RETURN {title: title, seniority: seniority, count: n} ORDER BY n DESC, title, seniority
       } AS byTitle,
       COLLECT {
         MATCH (c:Candidate)-[w:WORKS_AT]->(e)
         RETURN {id: c.id, name: c.name, title: w.title, seniority: c.seniority, segment: c.segment, since: toString(w.since)}
         ORDER BY $seniorityRank[c.seniority] DESC, c.id
         LIMIT $membersLimit
       } AS members
