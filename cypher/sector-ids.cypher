// Every sector's id and name, to list the choices when an unknown sector is named.
MATCH (s:Sector)
RETURN s.id AS id, s.name AS name
ORDER BY id
