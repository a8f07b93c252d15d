// The value of the server setting $name, as the running instance reads it (e.g. to check
// what the managed instance was started with).
CALL dbms.listConfig($name) YIELD name, value
WHERE name = $name
RETURN value
