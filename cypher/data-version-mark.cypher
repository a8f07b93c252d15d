// Marks the graph as changed: every write through server/db/neo4j.ts ends with
// this statement, in its own transaction, except bookkeeping (audit events, token
// use) and schema changes. $ids names the marks it moves: `graph` with every such
// write, and `talent` too when the write may change the talent graph (candidates,
// employers, hubs, sectors, skills, publications and their links), not only the
// team's work (mandates, pipelines, lists, saved views) or the installation's
// records. Caches of derived data key on them: the hub map, pool rankings and
// neighbourhoods and pool pages' explanations on `talent`, so a pipeline move
// keeps them; a pool page's notice dates, which a move may set, on `graph`. A random value
// rather than a counter: a cleared and refilled graph can never repeat a mark.
//
// Each move of `talent` is also logged as a (:TalentChange) numbered by the
// mark's `seq`, from the value before to the value after, with the candidates
// the write changed ($candidates), or null when it may have changed anything
// (an employer's sector, a hub, the pivots). A kept pool ranking follows the
// log from its own value to the current one and scores again only the people
// it names (server/services/hubs.service.ts). The last $keep entries are kept.
UNWIND $ids AS id
MERGE (v:DataVersion {id: id})
// The write lock first, then the read: two writers marking at once are put in
// turn and the second sees the first's value, so the log has no fork or gap.
SET v.marking = true
WITH v, v.value AS previous, coalesce(v.seq, 0) + 1 AS seq
SET v.value = randomUUID(), v.seq = seq
REMOVE v.marking
WITH v, previous, seq
WHERE v.id = $logged
CREATE (:TalentChange {seq: seq, from: previous, to: v.value, candidates: $candidates})
WITH seq
// Entries past the kept window, and any left from before the mark was created
// again (numbered above it).
OPTIONAL MATCH (old:TalentChange)
WHERE old.seq <= seq - $keep OR old.seq > seq
DETACH DELETE old
