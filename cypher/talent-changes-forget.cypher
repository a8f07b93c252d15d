// An erased candidate's id taken out of the talent mark's log (data-version-mark.cypher):
// nothing but the audit trail may name them afterwards. The erasure's own move of
// the mark is logged as "anything", so a kept ranking never follows the log across it
// and the ids taken out here are never needed again.
// The marks' write locks come first, in the order every write takes them ($marks:
// graph, then talent), and the log's entries after them, as the mark takes them when
// it drops old entries: an erasure and another write never wait on each other.
UNWIND $marks AS mark
OPTIONAL MATCH (v:DataVersion {id: mark})
SET v.marking = true
WITH count(v) AS locked
MATCH (t:TalentChange)
WHERE $id IN t.candidates
SET t.candidates = [other IN t.candidates WHERE other <> $id]
RETURN count(t) AS entries
