// An erased candidate's id taken out of the talent mark's log (data-version-mark.cypher):
// nothing but the audit trail may name them afterwards. The erasure's own move of
// the mark is logged as "anything", so a kept ranking never follows the log across it
// and the ids taken out here are never needed again.
MATCH (t:TalentChange)
WHERE $id IN t.candidates
SET t.candidates = [other IN t.candidates WHERE other <> $id]
RETURN count(t) AS entries
