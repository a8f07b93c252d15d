// One candidate's profile: career with sectors, skills with evidence,
// publications with fields, education, home hub and pipeline memberships.
MATCH (c:Candidate {id: $id})
OPTIONAL MATCH (c)-[based:BASED_IN]->(hub:Hub)
RETURN c {.id, .name, .email, .profileUrl, .locationText, .location, .seniority, .yearsExperience, .segment,
          .passive, .openToWork, .sources, .lawfulBasis, obtainedAt: toString(c.obtainedAt),
          informedAt: toString(c.informedAt), .informedHow, firstContactAt: toString(c.firstContactAt),
          lastContactAt: toString(c.lastContactAt)} AS candidate,
       CASE WHEN hub IS NULL THEN null ELSE {id: hub.id, name: hub.name, distanceKm: based.distanceKm} END AS hub,
       COLLECT {
         MATCH (c)-[j:WORKS_AT|WORKED_AT]->(e:Employer)
         WITH j, e, coalesce(j.from, j.since) AS start
         ORDER BY date(start) DESC, e.id
         RETURN {employerId: e.id, employerName: e.name, employerKind: e.kind, title: j.title,
                 from: toString(start), to: toString(j.to), current: type(j) = 'WORKS_AT',
                 sectors: COLLECT { MATCH (e)-[:IN_SECTOR]->(s:Sector) RETURN {id: s.id, name: s.name, target: coalesce(s.target, false)} ORDER BY s.id }}
       } AS career,
       COLLECT {
         MATCH (c)-[r:HAS_SKILL]->(s:Skill)
         RETURN {id: s.id, name: s.name, group: s.group, evidence: coalesce(r.evidence, [])} ORDER BY s.name, s.id
       } AS skills,
       COLLECT {
         MATCH (c)-[:AUTHORED]->(p:Publication)
         RETURN {id: p.id, title: p.title, year: p.year, venue: p.venue,
                 fields: COLLECT { MATCH (p)-[:IN_FIELD]->(s:Sector) RETURN {id: s.id, name: s.name, target: coalesce(s.target, false)} ORDER BY s.id }}
         ORDER BY p.year DESC, p.id
       } AS publications,
       COLLECT {
         MATCH (c)-[st:STUDIED_AT]->(i:Institution)
         RETURN {institutionId: i.id, name: i.name, degree: st.degree, field: st.field, to: toString(st.to)} ORDER BY st.to DESC, i.id
       } AS education,
       COLLECT {
         MATCH (s:Search)-[:HAS_ENTRY]->(pe:PipelineEntry)-[:FOR]->(c)
         RETURN {searchId: s.id, title: s.title, client: s.client, stage: pe.stage, stageSince: toString(pe.stageSince)}
         ORDER BY pe.stageSince DESC, s.id
       } AS pipeline
