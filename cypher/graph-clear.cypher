// Empties the database in batches, so a large graph does not need one huge transaction.
// Runs in an implicit (auto-commit) transaction: CALL { } IN TRANSACTIONS requires it.
MATCH (n)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
