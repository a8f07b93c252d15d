// The candidates who work or worked at an employer: their segment depends on its sector.
MATCH (c:Candidate)-[:WORKS_AT|WORKED_AT]->(:Employer {id: $employerId})
RETURN DISTINCT c.id AS id
