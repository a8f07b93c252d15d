// Every property of every node and relationship whose text holds one of
// $needles (ignoring case), whether the value is text or a list holding text:
// for tests that prove a person has left the whole graph.
CALL () {
  MATCH (n)
  UNWIND keys(n) AS key
  RETURN 'node' AS kind, labels(n) AS labels, key, n[key] AS value
  UNION ALL
  MATCH ()-[r]->()
  UNWIND keys(r) AS key
  RETURN 'relationship' AS kind, [type(r)] AS labels, key, r[key] AS value
}
WITH kind, labels, key,
     CASE WHEN value IS :: STRING THEN [value]
          WHEN value IS :: LIST<ANY> THEN [v IN value WHERE v IS :: STRING]
          ELSE [] END AS texts
UNWIND texts AS text
WITH kind, labels, key, text
WHERE any(needle IN $needles WHERE toLower(text) CONTAINS toLower(needle))
RETURN kind, labels, key, text
ORDER BY kind, key, text
