// Takes the write lock on the pipeline entry of candidate $candidateId in
// search $searchId, creating the entry (key $entryId, unique) when it is new,
// and returns the stage a move would replace (null for a new entry). Run first
// in a move's transaction: a concurrent move of the same entry waits here until
// this one commits, then reads the stage it left (the Cypher manual's
// "lost updates" idiom: setting and removing a property takes the lock
// without leaving a trace). A new entry is rolled back with the transaction
// when the move is refused.
MATCH (:Search {id: $searchId}), (:Candidate {id: $candidateId})
MERGE (pe:PipelineEntry {id: $entryId})
  ON CREATE SET pe.createdAt = datetime($now)
SET pe._LOCK_ = true
REMOVE pe._LOCK_
RETURN pe.stage AS stage
