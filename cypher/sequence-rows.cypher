// The whole numbers 1 to $n, each with a date and a point: a large, typed
// result for tests of the driver module's streaming read.
UNWIND range(1, $n) AS i
RETURN i, date('2026-01-01') + duration({days: i % 365}) AS day, point({x: i, y: 0.5}) AS at, 'row ' + i AS label
