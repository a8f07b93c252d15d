// Whether the database holds no node at all (constraints and indexes do not count):
// `atlas serve` seeds the demo world only into an empty database.
RETURN NOT EXISTS { MATCH (n) } AS empty
