// The hubs an import places candidates in (the nearest within a radius), loaded once per import.
MATCH (h:Hub)
WHERE h.location IS NOT NULL
RETURN h.id AS id, h.name AS name, h.location.latitude AS latitude, h.location.longitude AS longitude
ORDER BY id
