// Writes the world's countries (MERGE on code, so re-running changes nothing).
UNWIND $countries AS row
MERGE (c:Country {code: row.code})
SET c.name = row.name, c.currency = row.currency, c.payRegion = row.payRegion
