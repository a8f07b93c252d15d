// Talent flows between employers. A move is two consecutive jobs in one
// candidate's career (ordered by start), dated by the second job's start; only
// moves on or after $since (null: all) by candidates BASED_IN hub $hubId (null: all).
// A job starting after $today (an accepted offer) is not a move yet.
CALL () {
  MATCH (:Hub {id: $hubId})<-[:BASED_IN]-(c:Candidate)
  RETURN c
  UNION
  MATCH (c:Candidate)
  WHERE $hubId IS NULL
  RETURN c
}
CALL (c) {
  MATCH (c)-[j:WORKS_AT|WORKED_AT]->(e:Employer)
  WITH e, date(coalesce(j.from, j.since)) AS start
  ORDER BY start, e.id
  WITH collect({e: e, start: start}) AS jobs
  UNWIND range(1, size(jobs) - 1) AS i
  WITH jobs[i - 1] AS before, jobs[i] AS after
  WHERE before.e <> after.e AND ($since IS NULL OR after.start >= date($since)) AND NOT coalesce(after.start > date($today), false)
  RETURN before.e AS fromEmployer, after.e AS toEmployer
}
WITH fromEmployer, toEmployer, count(*) AS moves
ORDER BY moves DESC, fromEmployer.id, toEmployer.id
WITH collect({from: {id: fromEmployer.id, name: fromEmployer.name, target: null},
              to: {id: toEmployer.id, name: toEmployer.name, target: null}, moves: moves}) AS flows
RETURN reduce(total = 0, f IN flows | total + f.moves) AS totalMoves, flows[0..$limit] AS flows
