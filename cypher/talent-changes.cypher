// The log of the talent mark's moves numbered after $after up to $until
// (data-version-mark.cypher), in order, and the candidates they name, unless
// one of them says "anything" or they name more than $limit between them
// (repeats counted): what a kept pool ranking follows to learn whom to score
// again. The chain lets the caller check that no move is missing.
MATCH (t:TalentChange)
WHERE t.seq > $after AND t.seq <= $until
WITH t ORDER BY t.seq
WITH collect(t) AS log
WITH log, reduce(named = 0, t IN log | named + CASE WHEN t.candidates IS NULL THEN $limit + 1 ELSE size(t.candidates) END) AS named
RETURN [t IN log | {from: t.from, to: t.to}] AS chain,
       CASE WHEN named <= $limit THEN reduce(all = [], t IN log | all + t.candidates) END AS candidates
