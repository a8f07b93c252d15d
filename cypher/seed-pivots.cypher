// Writes how readily people move from one sector into a target sector (weight 0-1);
// run after seed-sectors.cypher.
UNWIND $pivots AS row
MATCH (a:Sector {id: row.from})
MATCH (b:Sector {id: row.to})
MERGE (a)-[p:PIVOTS_TO]->(b)
SET p.weight = row.weight
