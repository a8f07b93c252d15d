// Empties the database in batches, so a large graph does not need one huge transaction.
// Relationships go first: detaching a node with a million relationships (a skill everyone
// has) in one batch would exceed the transaction memory limit.
// Runs in an implicit (auto-commit) transaction: CALL { } IN TRANSACTIONS requires it.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS relationships
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
RETURN relationships, count(*) AS nodes
