// The log of the talent mark's moves numbered after $after up to $until
// (data-version-mark.cypher), in order: what a kept pool ranking follows to
// learn which candidates changed since it was ranked.
MATCH (t:TalentChange)
WHERE t.seq > $after AND t.seq <= $until
RETURN t.seq AS seq, t.from AS from, t.to AS to, t.candidates AS candidates
ORDER BY t.seq
