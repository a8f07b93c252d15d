// The neighbours of each given node, for the force-directed view, leaving out
// the nodes in $exclude. Expansion is bounded: each relationship type reads at
// most $cap + 1 relationships and each node returns at most $nodeCap + 1 rows
// (an extra row only tells the caller a cap cut something), so a hub, sector
// or skill with thousands of links costs no more than a small node. Only the
// talent graph's own labels and types are followed, in a fixed order of types.
UNWIND $elementIds AS elementId
MATCH (n) WHERE elementId(n) = elementId
CALL (n) {
  CALL (n) {
    MATCH (n)-[r:IN_COUNTRY]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:IN_SECTOR]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:PIVOTS_TO]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:HAS_SITE]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:WORKS_AT]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:BASED_IN]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:WORKED_AT]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:HAS_SKILL]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:AUTHORED]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:IN_FIELD]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
    UNION ALL
    MATCH (n)-[r:STUDIED_AT]-(m) WHERE NOT elementId(m) IN $exclude RETURN r, m LIMIT $cap + 1
  }
  WITH r, m
  WHERE m:Candidate OR m:Employer OR m:Hub OR m:Sector OR m:Skill OR m:Publication OR m:Institution OR m:Country OR m:TeamMember
  RETURN r, m
  LIMIT $nodeCap + 1
}
// Only the properties the view shows, per kind and per relationship type.
RETURN elementId(n) AS fromElementId,
       elementId(m) AS elementId,
       labels(m) AS labels,
       CASE
         WHEN m:Candidate THEN m {.id, .name, .seniority, .segment, .passive, .openToWork}
         WHEN m:Employer THEN m {.id, .name, .kind}
         WHEN m:Hub THEN m {.id, .name, .countryCode, .catchmentKm}
         WHEN m:Sector THEN m {.id, .name, .target, .group}
         WHEN m:Skill THEN m {.id, .name, .group}
         WHEN m:Publication THEN m {.id, .title, .year}
         WHEN m:Institution THEN m {.id, .name, .countryCode}
         WHEN m:Country THEN m {.code, .name}
         ELSE m {.id, .name}
       END AS props,
       type(r) AS type,
       startNode(r) = n AS outgoing,
       CASE type(r)
         WHEN 'WORKS_AT' THEN r {.title, since: toString(r.since)}
         WHEN 'WORKED_AT' THEN r {.title, from: toString(r.from), to: toString(r.to)}
         WHEN 'BASED_IN' THEN r {.distanceKm}
         WHEN 'PIVOTS_TO' THEN r {.weight}
         ELSE {}
       END AS relProps
