// Merges candidate $duplicateId into candidate $survivorId (the same person) and deletes
// the duplicate. The result is what importing the duplicate's data first and the
// survivor's second would give: the survivor's values win, the duplicate's fill gaps;
// past jobs (one per employer and start), skills (evidence united) and sources are
// kept from both; of current jobs at two employers, one stays current and the other
// becomes a past job where it can (below); every other relationship, in either
// direction (pipeline entries, papers, education, …), moves to the survivor. Runs once per merge, so the Eager that its
// DELETEs bring is harmless.
MATCH (s:Candidate {id: $survivorId})
MATCH (d:Candidate {id: $duplicateId})
WHERE s <> d
CALL (s, d) {
  MATCH (d)-[r:WORKED_AT]->(e:Employer)
  WHERE r.from IS NOT NULL
  MERGE (s)-[w:WORKED_AT {from: r.from}]->(e)
    ON CREATE SET w.title = r.title, w.to = r.to
    ON MATCH SET w.title = coalesce(w.title, r.title), w.to = coalesce(w.to, r.to)
}
CALL (s, d) {
  MATCH (d)-[r:WORKED_AT]->(e:Employer)
  WHERE r.from IS NULL
  CREATE (s)-[w:WORKED_AT]->(e)
  SET w = properties(r)
}
// Current jobs at two employers, as server/import/combine.ts combineCurrent decides
// for the duplicate's record read before the survivor's: the one started last stays
// current (the survivor's on the same date, or when neither start is known), a job
// without a start stays current beside a dated one (which alone can be a past job),
// and the other becomes a past job ending where the kept one starts ($today when that
// is unknown; no end that would come on or before its own start).
CALL (s, d) {
  MATCH (d)-[r:WORKS_AT]->(e:Employer), (s)-[own:WORKS_AT]->(other:Employer)
  WHERE other <> e
  WITH s, r, e, own, other,
       CASE WHEN r.since IS NULL THEN own.since IS NOT NULL ELSE own.since IS NOT NULL AND r.since > own.since END AS duplicateStays
  CALL (s, r, e, own, duplicateStays) {
    WITH s, r, e, own WHERE NOT duplicateStays AND r.since IS NOT NULL
    WITH s, r, e, coalesce(own.since, date($today)) AS end
    MERGE (s)-[w:WORKED_AT {from: r.since}]->(e)
      ON CREATE SET w.title = r.title, w.to = CASE WHEN end > r.since THEN end END
      ON MATCH SET w.title = coalesce(w.title, r.title), w.to = coalesce(w.to, CASE WHEN end > r.since THEN end END)
  }
  CALL (s, r, e, own, other, duplicateStays) {
    WITH s, r, e, own, other WHERE duplicateStays
    CALL (s, own, other, r) {
      WITH s, own, other, r, coalesce(r.since, date($today)) AS end WHERE own.since IS NOT NULL
      MERGE (s)-[w:WORKED_AT {from: own.since}]->(other)
        ON CREATE SET w.title = own.title, w.to = CASE WHEN end > own.since THEN end END
        ON MATCH SET w.title = coalesce(w.title, own.title), w.to = coalesce(w.to, CASE WHEN end > own.since THEN end END)
    }
    DELETE own
    CREATE (s)-[n:WORKS_AT]->(e)
    SET n = properties(r)
  }
}
CALL (s, d) {
  MATCH (d)-[r:WORKS_AT]->(e:Employer), (s)-[own:WORKS_AT]->(e)
  SET own.title = coalesce(own.title, r.title), own.since = coalesce(own.since, r.since)
}
CALL (s, d) {
  MATCH (d)-[r:WORKS_AT]->(e:Employer)
  WHERE NOT EXISTS { (s)-[:WORKS_AT]->(:Employer) }
  CREATE (s)-[w:WORKS_AT]->(e)
  SET w = properties(r)
}
CALL (s, d) {
  MATCH (d)-[r:HAS_SKILL]->(k:Skill)
  MERGE (s)-[h:HAS_SKILL]->(k)
    ON CREATE SET h.evidence = r.evidence
    ON MATCH SET h.evidence = coalesce(h.evidence, []) + [x IN coalesce(r.evidence, []) WHERE NOT x IN coalesce(h.evidence, [])]
}
CALL (s, d) {
  MATCH (d)-[r:BASED_IN]->(h:Hub)
  WHERE s.locationText IS NULL AND NOT EXISTS { (s)-[:BASED_IN]->(:Hub) }
  CREATE (s)-[b:BASED_IN]->(h)
  SET b = properties(r)
}
// Identifiers: the duplicate's profile link and email that the survivor does not take
// over (it has its own), and the duplicate's former ones, become the survivor's former
// identifiers, so an import naming one of them finds the survivor.
CALL (s, d) {
  WITH s, d, [k IN [CASE WHEN s.profileKey <> d.profileKey THEN 'p:' + d.profileKey END,
                    CASE WHEN s.emailKey <> d.emailKey THEN 'e:' + d.emailKey END] WHERE k IS NOT NULL]
    + COLLECT { MATCH (d)-[:HAD_IDENTIFIER]->(f:FormerIdentifier) RETURN f.key } AS keys
  UNWIND keys AS key
  WITH DISTINCT s, key
  WHERE NOT key IN ['p:' + coalesce(s.profileKey, d.profileKey), 'e:' + coalesce(s.emailKey, d.emailKey)]
    AND NOT EXISTS { (s)-[:HAD_IDENTIFIER]->(:FormerIdentifier {key: key}) }
  CREATE (s)-[:HAD_IDENTIFIER]->(:FormerIdentifier {key: key})
}
CALL (d) {
  MATCH (d)-[:HAD_IDENTIFIER]->(f:FormerIdentifier)
  DETACH DELETE f
}
// A MERGE on a dynamic type scans every relationship; CREATE where none exists does not.
CALL (s, d) {
  MATCH (d)-[r]->(t)
  WHERE NOT type(r) IN ['WORKED_AT', 'WORKS_AT', 'HAS_SKILL', 'BASED_IN'] AND t <> s
    AND NOT type(r) IN [(s)-[x]->(t) | type(x)]
  CREATE (s)-[n:$(type(r))]->(t)
  SET n = properties(r)
}
CALL (s, d) {
  MATCH (t)-[r]->(d)
  WHERE t <> s AND NOT type(r) IN [(t)-[x]->(s) | type(x)]
  CREATE (t)-[n:$(type(r))]->(s)
  SET n = properties(r)
}
WITH s, d, properties(s) AS own, properties(d) AS other
DETACH DELETE d
// Every property of the duplicate, then the survivor's own on top: the survivor wins.
SET s = other
SET s += own
SET s.location = CASE WHEN own.locationText IS NULL THEN other.location ELSE own.location END,
    s.sources = coalesce(other.sources, []) + [x IN coalesce(own.sources, []) WHERE NOT x IN coalesce(other.sources, [])],
    s.importHashes = coalesce(own.importHashes, []) + [x IN coalesce(other.importHashes, []) WHERE NOT x IN coalesce(own.importHashes, [])],
    s.world = own.world
RETURN s.id AS id
