// Writes the institutions people study at (the world's universities).
UNWIND $institutions AS row
MERGE (i:Institution {id: row.id})
SET i.name = row.name, i.countryCode = row.countryCode
