// What `atlas seed --replace` is about to delete, for its audit event: the candidates
// (seeded and imported) and employers, and the team's mandates, target lists and
// saved views.
CALL () { MATCH (n:Candidate) RETURN count(n) AS candidates }
CALL () { MATCH (n:Employer) RETURN count(n) AS employers }
CALL () { MATCH (n:Search) RETURN count(n) AS searches }
CALL () { MATCH (n:TargetList) RETURN count(n) AS lists }
CALL () { MATCH (n:SavedView) RETURN count(n) AS savedViews }
RETURN candidates, employers, searches, lists, savedViews
