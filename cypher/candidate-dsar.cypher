// Everything held on candidate $id, for an access request (GDPR Art. 15):
// every property; the identifiers they held before; every relationship by kind
// (hub, career, skills, publications, education, and any other type outside $knownTypes); the
// pipeline entries with their notes and full history; the rows of list
// snapshots they are on. Only the person's own relationships are read, never
// another person's data (co-authors, colleagues, other candidates).
MATCH (c:Candidate {id: $id})
RETURN properties(c) AS properties,
  COLLECT { MATCH (c)-[:HAD_IDENTIFIER]->(f:FormerIdentifier) RETURN f.key ORDER BY f.key } AS formerKeys,
  COLLECT {
    MATCH (c)-[r:BASED_IN]->(h:Hub)
    RETURN {hubId: h.id, hubName: h.name, countryCode: h.countryCode, properties: properties(r)} ORDER BY h.id
  } AS hubs,
  COLLECT {
    MATCH (c)-[r:WORKS_AT|WORKED_AT]->(e:Employer)
    RETURN {current: type(r) = 'WORKS_AT', employerId: e.id, employerName: e.name, properties: properties(r)}
    ORDER BY coalesce(r.from, r.since) DESC, e.id
  } AS career,
  COLLECT {
    MATCH (c)-[r:HAS_SKILL]->(s:Skill)
    RETURN {skillId: s.id, skillName: s.name, properties: properties(r)} ORDER BY s.id
  } AS skills,
  COLLECT {
    MATCH (c)-[r:AUTHORED]->(p:Publication)
    RETURN {publicationId: p.id, title: p.title, year: p.year, venue: p.venue, properties: properties(r)} ORDER BY p.year DESC, p.id
  } AS publications,
  COLLECT {
    MATCH (c)-[r:STUDIED_AT]->(i:Institution)
    RETURN {institutionId: i.id, institutionName: i.name, properties: properties(r)} ORDER BY i.id
  } AS education,
  COLLECT {
    MATCH (s:Search)-[:HAS_ENTRY]->(pe:PipelineEntry)-[:FOR]->(c)
    RETURN {searchId: s.id, searchTitle: s.title, client: s.client, properties: properties(pe),
            history: COLLECT { MATCH (pe)-[:HAD]->(change:StageChange) RETURN properties(change) ORDER BY change.at, change.seq }}
    ORDER BY pe.createdAt, s.id
  } AS pipeline,
  COLLECT {
    MATCH (c)<-[:OF]-(r:ListRow)<-[:HAS_ROW]-(snapshot:Snapshot)<-[:HAS_SNAPSHOT]-(l:TargetList)
    RETURN {listId: l.id, listName: l.name, week: snapshot.week, status: snapshot.status, properties: properties(r)}
    ORDER BY snapshot.week, l.id
  } AS lists,
  COLLECT {
    MATCH (c)-[r]-(other)
    WHERE NOT type(r) IN $knownTypes
    RETURN {type: type(r), direction: CASE WHEN startNode(r) = c THEN 'outgoing' ELSE 'incoming' END,
            otherLabels: labels(other), otherId: other.id, properties: properties(r)}
    ORDER BY type(r), other.id
  } AS otherRelationships
