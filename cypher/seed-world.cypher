// Records which demo world the database holds: the generator's seed, size and version,
// the world folder's name and fingerprint, and whether seeding finished.
MERGE (w:World {key: $key})
SET w.name = $name,
    w.seed = $seed,
    w.candidates = $candidates,
    w.version = $version,
    w.fingerprint = $fingerprint,
    w.complete = $complete
