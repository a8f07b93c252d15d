// What the database holds besides the demo world $tag: the World record, if any, and how
// many candidates carry no world tag (imported) or another world's tag.
OPTIONAL MATCH (w:World {key: $key})
CALL () {
  MATCH (c:Candidate) WHERE c.world IS NULL
  RETURN count(c) AS untagged
}
CALL () {
  MATCH (c:Candidate) WHERE c.world <> $tag
  RETURN count(c) AS otherTagged
}
RETURN w {.*} AS world, untagged, otherTagged
