// Marks the graph as changed: every write through server/db/neo4j.ts ends with
// this statement, in its own transaction, except bookkeeping (audit events, token
// use) and schema changes. Caches of derived data (the hub map) key on the mark, so a profile view's
// audit event does not throw them away. A random value rather than a counter:
// a cleared and refilled graph can never repeat an earlier mark.
MERGE (v:DataVersion {id: $id})
SET v.value = randomUUID()
