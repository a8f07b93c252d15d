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
RETURN elementId(n) AS fromElementId,
       elementId(m) AS elementId,
       labels(m) AS labels,
       m {.id, .code, .name, .title, .seniority, .segment, .passive, .openToWork, .kind, .target, .group, .year, .countryCode, .catchmentKm} AS props,
       type(r) AS type,
       startNode(r) = n AS outgoing,
       r {.title, .weight, .distanceKm, since: toString(r.since), from: toString(r.from), to: toString(r.to)} AS relProps
