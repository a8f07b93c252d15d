// Records that the data migration $name has run on this database, once.
MERGE (m:Installation {key: 'migrations'})
  ON CREATE SET m.createdAt = datetime($now)
SET m.applied = [name IN coalesce(m.applied, []) WHERE name <> $name] + $name,
    m.updatedAt = datetime($now)
