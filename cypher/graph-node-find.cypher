// The nodes an id names, one per kind (ids are unique per label, not across
// labels), each found through its label's unique index. Countries are keyed by code.
CALL () {
  MATCH (n:Candidate {id: $id}) RETURN n, 'candidate' AS kind
  UNION ALL
  MATCH (n:Employer {id: $id}) RETURN n, 'employer' AS kind
  UNION ALL
  MATCH (n:Hub {id: $id}) RETURN n, 'hub' AS kind
  UNION ALL
  MATCH (n:Sector {id: $id}) RETURN n, 'sector' AS kind
  UNION ALL
  MATCH (n:Skill {id: $id}) RETURN n, 'skill' AS kind
  UNION ALL
  MATCH (n:Publication {id: $id}) RETURN n, 'publication' AS kind
  UNION ALL
  MATCH (n:Institution {id: $id}) RETURN n, 'institution' AS kind
  UNION ALL
  MATCH (n:TeamMember {id: $id}) RETURN n, 'teamMember' AS kind
  UNION ALL
  MATCH (n:Country {code: $id}) RETURN n, 'country' AS kind
}
RETURN elementId(n) AS elementId, kind, labels(n) AS labels,
       n {.id, .code, .name, .title, .seniority, .segment, .passive, .openToWork, .kind, .target, .group, .year, .countryCode, .catchmentKm} AS props
ORDER BY kind
