// Stores employers' normalised names ($rows: {id, normName}) worked out under the current rules.
UNWIND $rows AS row
MATCH (e:Employer {id: row.id})
SET e.normName = row.normName
RETURN count(e) AS updated
