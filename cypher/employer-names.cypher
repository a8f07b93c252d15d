// Every employer's id, name and stored normalised name, for working the
// normalised names out again when their rules change (server/db/migrations.ts).
MATCH (e:Employer)
RETURN e.id AS id, e.name AS name, e.normName AS normName
ORDER BY id
