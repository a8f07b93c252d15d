// The server's name, version and edition, for /api/health and `atlas db status`.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
