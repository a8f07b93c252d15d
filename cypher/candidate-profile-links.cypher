// Every candidate's profile link and the key stored for it, for working the keys
// out again when their rules change (server/services/migrations.service.ts).
MATCH (c:Candidate)
WHERE c.profileUrl IS NOT NULL
RETURN c.id AS id, c.profileUrl AS profileUrl, c.profileKey AS profileKey
