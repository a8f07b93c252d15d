// Whether any user exists: `atlas serve` creates the first admin only on a database without users.
RETURN EXISTS { MATCH (:User) } AS exist
