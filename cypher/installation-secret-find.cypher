// One of the installation's secrets ($key); no row before its first use.
MATCH (i:Installation {key: $key})
RETURN i.value AS value
