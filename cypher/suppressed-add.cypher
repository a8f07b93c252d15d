// Erasure: puts the keyed hashes $hashes of an erased person's identifiers on
// the suppression list (once each), so a later import of them is refused.
UNWIND $hashes AS hash
MERGE (s:Suppressed {hash: hash})
  ON CREATE SET s.since = date($today)
RETURN count(s) AS hashes
