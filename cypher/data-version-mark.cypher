// Marks the graph as changed: every write through server/db/neo4j.ts ends with
// this statement, in its own transaction, except bookkeeping (audit events, token
// use) and schema changes. $ids names the marks it moves: `graph` with every such
// write, and `talent` too when the write may change the talent graph (candidates,
// employers, hubs, sectors, skills, publications and their links), not only the
// team's work (mandates, pipelines, lists, saved views) or the installation's
// records. Caches of derived data key on them: the hub map, pool rankings and
// neighbourhoods on `talent`, so a pipeline move keeps them; a pool page's
// explanation, which shows a person's notice dates, on `graph`. A random value
// rather than a counter: a cleared and refilled graph can never repeat a mark.
UNWIND $ids AS id
MERGE (v:DataVersion {id: id})
SET v.value = randomUUID()
