// Names of every index (uniqueness constraints own an index of the same name) and whether it is online.
SHOW INDEXES YIELD name, state
RETURN name, state
ORDER BY name
