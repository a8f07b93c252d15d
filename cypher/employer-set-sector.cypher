// Classifies an employer: it is in sector $sectorId and no other (an import creates
// employers without a sector). No row when the employer or the sector does not exist.
MATCH (e:Employer {id: $employerId})
MATCH (s:Sector {id: $sectorId})
CALL (e, s) {
  MATCH (e)-[old:IN_SECTOR]->(other:Sector)
  WHERE other <> s
  DELETE old
}
MERGE (e)-[:IN_SECTOR]->(s)
RETURN e.id AS id, e.name AS name, s.id AS sectorId, s.name AS sectorName
