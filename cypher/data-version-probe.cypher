// A no-op read. Its transaction's bookmark names the last transaction committed
// to the database, which keys caches of derived data (the hub map) so any write,
// through the app or not, invalidates them.
RETURN 1 AS probe
