// Which of $hashes (keyed hashes of normalised identifiers) are on the
// suppression list of erased people.
UNWIND $hashes AS hash
MATCH (s:Suppressed {hash: hash})
RETURN s.hash AS hash
