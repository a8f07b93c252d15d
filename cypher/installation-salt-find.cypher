// The installation's suppression salt; no row before the first erasure (and
// then nobody is on the suppression list).
MATCH (i:Installation {key: 'suppression-salt'})
RETURN i.value AS salt
