// Existing employers by normalised name (legal suffixes removed, lower case; indexed),
// so an imported job joins the employer the graph already has. When several share a
// name, the smallest id wins, so every import picks the same one.
UNWIND $normNames AS normName
MATCH (e:Employer {normName: normName})
RETURN normName, min(e.id) AS id
