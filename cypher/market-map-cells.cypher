// Search $id's market map: each target employer in each of its sectors and in
// each of its sites within the search's hubs (all sites when it names none),
// with the people who work there now and are BASED_IN that hub, matching the
// search's seniority or already in its pipeline. In-pipeline people first.
// An employer in some of the sectors the search covers is shown under those
// only; one in none of them (targeted all the same) under each of its own.
MATCH (s:Search {id: $id})-[:TARGETS]->(e:Employer)-[:IN_SECTOR]->(sector:Sector)
WHERE EXISTS { (s)-[:COVERS_SECTOR]->(sector) } OR NOT EXISTS { (s)-[:COVERS_SECTOR]->(:Sector)<-[:IN_SECTOR]-(e) }
MATCH (e)-[:HAS_SITE]->(hub:Hub)
WHERE NOT EXISTS { (s)-[:IN_HUB]->(:Hub) } OR EXISTS { (s)-[:IN_HUB]->(hub) }
CALL (s, e, hub) {
  OPTIONAL MATCH (c:Candidate)-[w:WORKS_AT]->(e)
  WHERE EXISTS { (c)-[:BASED_IN]->(hub) }
  OPTIONAL MATCH (s)-[:HAS_ENTRY]->(pe:PipelineEntry)-[:FOR]->(c)
  WITH c, w, pe
  WHERE c IS NOT NULL AND (pe IS NOT NULL OR size(coalesce(s.seniority, [])) = 0 OR c.seniority IN s.seniority)
  WITH c, w, pe
  ORDER BY pe IS NULL, c.id
  // The ids (and in-pipeline stages) let a cell and the totals count a person once who works at two of its employers.
  RETURN count(c) AS people, count(pe) AS inPipeline, collect(c.id) AS peopleIds,
         collect(CASE WHEN pe IS NOT NULL THEN {id: c.id, stage: pe.stage} END) AS entries,
         collect({id: c.id, name: c.name, title: w.title, seniority: c.seniority, segment: c.segment,
                  stage: pe.stage, stageSince: toString(pe.stageSince)})[0..$candidatesPerEmployer] AS candidates
}
RETURN {id: sector.id, name: sector.name} AS sector, {id: hub.id, name: hub.name} AS hub,
       {id: e.id, name: e.name} AS employer, people, inPipeline, peopleIds, entries, candidates
ORDER BY sector.name, sector.id, hub.name, hub.id, employer.name, employer.id
