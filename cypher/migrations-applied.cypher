// The names of the data migrations this database has had (server/db/migrations.ts);
// an empty list before the first.
OPTIONAL MATCH (m:Installation {key: 'migrations'})
RETURN coalesce(m.applied, []) AS applied
