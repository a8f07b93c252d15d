// Whether the database holds no node at all (constraints and indexes do not count,
// nor the graph's change mark, which a clear leaves behind): `atlas serve` seeds the
// demo world only into an empty database.
RETURN NOT EXISTS { MATCH (n) WHERE NOT n:DataVersion } AS empty
