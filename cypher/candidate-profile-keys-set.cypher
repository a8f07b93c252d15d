// Stores candidates' profile keys ($rows: {id, profileKey}) worked out under the
// current rules; the caller has checked that no other candidate holds them.
UNWIND $rows AS row
MATCH (c:Candidate {id: row.id})
SET c.profileKey = row.profileKey
RETURN count(c) AS updated
