// The candidates that hold any of the profile keys $keys (each key is unique).
MATCH (c:Candidate)
WHERE c.profileKey IN $keys
RETURN c.profileKey AS profileKey, c.id AS id
