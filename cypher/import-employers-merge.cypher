// Creates the employers an import batch names that the graph does not have yet, before
// the candidates that work there (one statement per label keeps the plans free of Eager).
// Sector unknown: no IN_SECTOR until `atlas employer set-sector`.
UNWIND $employers AS employer
MERGE (e:Employer {id: employer.id})
  ON CREATE SET e.name = employer.name, e.normName = employer.normName, e.kind = employer.kind
