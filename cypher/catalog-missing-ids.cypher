// Which of the given ids name no node of their kind, so a request can be
// rejected with the unknown values named (each lookup is a unique-index seek).
RETURN
  [id IN $hubIds WHERE NOT EXISTS { MATCH (:Hub {id: id}) }] AS hubs,
  [id IN $skillIds WHERE NOT EXISTS { MATCH (:Skill {id: id}) }] AS skills,
  [id IN $sectorIds WHERE NOT EXISTS { MATCH (:Sector {id: id}) }] AS sectors,
  [id IN $employerIds WHERE NOT EXISTS { MATCH (:Employer {id: id}) }] AS employers,
  [id IN $candidateIds WHERE NOT EXISTS { MATCH (:Candidate {id: id}) }] AS candidates,
  [id IN $teamMemberIds WHERE NOT EXISTS { MATCH (:TeamMember {id: id}) }] AS teamMembers
