// Records identifiers candidates held and hold no longer ($rows: {id, keys}, each key
// 'p:' or 'e:' and the normalised profile link or email, none recorded for it already):
// a replaced email or profile link, or one of several a person's rows gave. A later
// import naming only that identifier finds the candidate (import-candidates-find), and
// erasure suppresses it. One that becomes current again stays recorded: the record is
// of what the person was known by, and leaving it spares the import a DELETE (and the
// Eager that would bring); the access request lists only those not current.
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
UNWIND row.keys AS key
CREATE (c)-[:HAD_IDENTIFIER]->(:FormerIdentifier {key: key})
